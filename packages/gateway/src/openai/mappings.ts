import type { StopReason, Usage } from '@strata/bedrock';
import type { CompletionUsage, FinishReason } from './types.js';

/** Why the model stopped, in OpenAI's terms: guardrail and content-filter stops are `content_filter`. */
export const FINISH_REASONS: Record<StopReason, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  content_filtered: 'content_filter',
  guardrail_intervened: 'content_filter',
};

/**
 * OpenAI counts cached tokens inside `prompt_tokens` and breaks them out in `cached_tokens`; Bedrock
 * reports input, cache reads and cache writes apart, so the prompt is their sum.
 */
export function completionUsage(usage: Usage): CompletionUsage {
  const prompt = usage.inputTokens + usage.cacheReadInputTokens + usage.cacheWriteInputTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadInputTokens },
  };
}
