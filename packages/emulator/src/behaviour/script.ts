import { readFileSync } from 'node:fs';
import type { ConversationView, StopReason } from '../conversation/types.js';
import type { Fault } from '../faults/fault.js';
import { parseFault } from '../faults/parse-fault.js';

/** What a scripted rule replies with. Strings may use `$1`… for the `lastUserText` regex's groups. */
export interface ScriptReply {
  text?: string;
  reasoning?: { text: string; signature?: string } | { redacted: string };
  toolCalls?: { name: string; input?: unknown; id?: string }[];
  stopReason?: StopReason;
}

export interface ScriptMatch {
  /** Regex tested against the last user message's text. */
  lastUserText?: string;
  /**
   * Regex tested against the text of the tool results in the last user message (joined by newlines);
   * when given, its groups are the `$1`… of the reply instead of `lastUserText`'s.
   */
  lastToolResult?: string;
  /** Regex tested against the model ID of the request (as resolved, e.g. `anthropic.claude-3-haiku…`). */
  model?: string;
  /** Operation name, e.g. `ConverseStream`. */
  operation?: string;
  /** Whether the last user message carries tool results. */
  hasToolResult?: boolean;
  /** Tool names that must all be offered. */
  toolsOffered?: string[];
}

export interface ScriptRule {
  match?: ScriptMatch;
  reply?: ScriptReply;
  /** A fault spec (`throttle;retry-after=1`) applied instead of, or to the delivery of, the reply. */
  fault?: string;
  /** How many times the rule may fire; unlimited when absent. */
  times?: number;
}

export interface ApplicationProfileConfig {
  id: string;
  name: string;
  modelId: string;
  tags?: Record<string, string>;
}

/** The `--script FILE` document: rules, plus catalog settings that tests need. */
export interface ScriptFile {
  rules?: ScriptRule[];
  applicationInferenceProfiles?: ApplicationProfileConfig[];
  deniedModels?: string[];
}

export interface CompiledRule {
  rule: ScriptRule;
  pattern?: RegExp;
  toolResult?: RegExp;
  model?: RegExp;
  fault?: Fault;
  remaining: number;
}

export class ScriptError extends Error {
  override name = 'ScriptError';
}

export function loadScriptFile(path: string): ScriptFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScriptError(`Cannot read script file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as ScriptFile;
  } catch (error) {
    throw new ScriptError(`Script file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const regex = (source: string, where: string): RegExp => {
  try {
    return new RegExp(source, 's');
  } catch (error) {
    throw new ScriptError(`${where}: invalid regular expression: ${(error as Error).message}`);
  }
};

export function compileRules(rules: ScriptRule[] = []): CompiledRule[] {
  return rules.map((rule, i) => {
    const where = `rules[${i}]`;
    if (!rule.reply && !rule.fault) throw new ScriptError(`${where}: a rule needs a "reply" or a "fault".`);
    let fault: Fault | undefined;
    try {
      fault = rule.fault ? parseFault(rule.fault) : undefined;
    } catch (error) {
      throw new ScriptError(`${where}.fault: ${(error as Error).message}`);
    }
    return {
      rule,
      ...(rule.match?.lastUserText
        ? { pattern: regex(rule.match.lastUserText, `${where}.match.lastUserText`) }
        : {}),
      ...(rule.match?.lastToolResult
        ? { toolResult: regex(rule.match.lastToolResult, `${where}.match.lastToolResult`) }
        : {}),
      ...(rule.match?.model ? { model: regex(rule.match.model, `${where}.match.model`) } : {}),
      ...(fault ? { fault } : {}),
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    };
  });
}

export function lastUserText(view: ConversationView): string {
  for (let i = view.messages.length - 1; i >= 0; i--) {
    const message = view.messages[i];
    if (message?.role !== 'user') continue;
    const texts = message.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    if (texts.length > 0) return texts.join('\n');
  }
  return '';
}

/** The text of the tool results in the last message, when it is the user's. */
export function lastToolResultText(view: ConversationView): string | undefined {
  const last = view.messages[view.messages.length - 1];
  if (last?.role !== 'user') return undefined;
  const texts = last.blocks.flatMap((b) => (b.kind === 'toolResult' ? [b.text] : []));
  return texts.length > 0 ? texts.join('\n') : undefined;
}

export function lastUserHasToolResult(view: ConversationView): boolean {
  const last = view.messages[view.messages.length - 1];
  return last?.role === 'user' && last.blocks.some((b) => b.kind === 'toolResult');
}

export interface RuleHit {
  compiled: CompiledRule;
  groups: string[];
}

/** The first rule that matches the request and has uses left; consumes one use. */
export function findRule(
  rules: CompiledRule[],
  view: ConversationView,
  modelId: string,
  operation: string,
): RuleHit | undefined {
  const text = lastUserText(view);
  for (const compiled of rules) {
    if (compiled.remaining <= 0) continue;
    const match = compiled.rule.match ?? {};
    if (compiled.model && !compiled.model.test(modelId)) continue;
    if (match.operation && match.operation !== operation) continue;
    if (match.hasToolResult !== undefined && match.hasToolResult !== lastUserHasToolResult(view)) continue;
    if (match.toolsOffered && !match.toolsOffered.every((name) => view.tools.includes(name))) continue;
    let groups: string[] = [];
    if (compiled.pattern) {
      const found = compiled.pattern.exec(text);
      if (!found) continue;
      groups = found.map((g) => g ?? '');
    }
    if (compiled.toolResult) {
      const found = compiled.toolResult.exec(lastToolResultText(view) ?? '');
      if (!found || lastToolResultText(view) === undefined) continue;
      groups = found.map((g) => g ?? '');
    }
    compiled.remaining--;
    return { compiled, groups };
  }
  return undefined;
}
