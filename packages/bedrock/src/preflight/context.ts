import { ValidationError } from '../errors/strata-error.js';
import type { ModelInfo } from '../models/model-info.js';
import type { ChatRequest } from '../types/request.js';

/**
 * What preflight does with a request Bedrock would reject:
 * - `repair`: fix what can be fixed without changing what the caller asked, and report each fix;
 * - `strict`: throw a `ValidationError` at the first problem, naming its path and how to fix it;
 * - `off`: send the request as it is.
 */
export type PreflightPolicy = 'repair' | 'strict' | 'off';

/** One repair preflight made. */
export interface Diagnostic {
  /** Stable identifier of the rule, e.g. `blank-text-removed`; switch on it, not on the message. */
  code: string;
  /**
   * Where the problem was, e.g. `messages.2.content.0`. Rules run in order and earlier repairs may
   * drop or merge messages, so the indices are those of the request as that rule saw it.
   */
  path: string;
  /** What was wrong and what was done about it. */
  message: string;
}

/** A problem one rule found: what is wrong, what repair did, and what a strict caller should do. */
export interface Issue {
  code: string;
  path: string;
  problem: string;
  repaired: string;
  fix: string;
}

/** A rule: a pure function from request to request that reports what it changed through the context. */
export type Rule = (request: ChatRequest, context: RuleContext) => ChatRequest;

/**
 * What rules share: the model, and where problems go. In strict mode the first problem throws, so
 * no rule ever goes on to repair anything and every path points into the caller's own request.
 */
export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly model: ModelInfo,
    private readonly policy: 'repair' | 'strict',
  ) {}

  /** A problem the rule has repaired (or, in strict mode, refuses). */
  issue(issue: Issue): void {
    if (this.policy === 'strict') this.fail(issue);
    this.diagnostics.push({
      code: issue.code,
      path: issue.path,
      message: `${issue.problem} ${issue.repaired}`,
    });
  }

  /** A problem no repair can honestly fix: always an error. */
  fail(issue: Omit<Issue, 'repaired'>): never {
    throw new ValidationError(`${issue.path}: ${issue.problem} ${issue.fix}`, { path: issue.path });
  }
}
