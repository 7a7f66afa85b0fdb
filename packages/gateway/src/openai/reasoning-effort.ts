import type { ReasoningOptions } from '@strata/bedrock';
import type { ReasoningEffort } from './types.js';

/**
 * OpenAI's `reasoning_effort` levels as Claude thinking budgets (tokens). Claude takes a budget of at
 * least 1,024; the low/medium/high values are LiteLLM's, which OpenAI-to-Claude callers already
 * expect, doubled onward for the newer levels. `minimal` cannot go below Claude's floor.
 */
export const REASONING_BUDGETS: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 16384,
};

/**
 * The thinking to ask for, if any. `none` (and no effort) is no thinking. On a model that does not
 * reason the library drops the budget, as OpenAI ignores the field for non-reasoning models.
 */
export function reasoningFor(effort: ReasoningEffort | null | undefined): ReasoningOptions | undefined {
  if (!effort || effort === 'none') return undefined;
  return { budgetTokens: REASONING_BUDGETS[effort] };
}
