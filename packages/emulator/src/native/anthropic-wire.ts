/** Fields shared by Claude's InvokeModel response body and its stream events. */
import type { Reply, StopReason, Usage } from '../conversation/types.js';
import type { NativeContext } from './codec.js';

/**
 * Anthropic's stop reasons. A guardrail's intervention is not the model's: Bedrock keeps the model's
 * `end_turn` and flags the body with `amazon-bedrock-guardrailAction` instead; a content filter is
 * Claude's own `refusal`.
 */
export function anthropicStopReason(reason: StopReason): string {
  if (reason === 'guardrail_intervened') return 'end_turn';
  if (reason === 'content_filtered') return 'refusal';
  return reason;
}

/** Claude 2 and Instant ids carry no date; Anthropic names them by release. */
const LEGACY_NAMES: Record<string, string> = {
  'claude-v2': 'claude-2.0',
  'claude-v2:1': 'claude-2.1',
  'claude-instant-v1': 'claude-instant-1.2',
};

/** Bedrock answers with Anthropic's model name: `anthropic.claude-3-haiku-20240307-v1:0` → `claude-3-haiku-20240307`. */
export function anthropicModelName(modelId: string): string {
  const base = (modelId.split('/').pop() ?? modelId).replace(/^(?:[a-z-]+\.)?anthropic\./, '');
  return LEGACY_NAMES[base] ?? base.replace(/-v\d+(?::\d+)?$/, '');
}

export const anthropicMessageId = (ctx: NativeContext): string =>
  ctx.responseId.startsWith('msg_bdrk_') ? ctx.responseId : `msg_bdrk_${ctx.responseId}`;

export function anthropicUsage(usage: Usage, outputTokens = usage.outputTokens): Record<string, number> {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteInputTokens ?? 0,
    cache_read_input_tokens: usage.cacheReadInputTokens ?? 0,
    output_tokens: outputTokens,
  };
}

export const stopSequenceOf = (reply: Reply, ctx: NativeContext): string | null =>
  reply.stopReason === 'stop_sequence' ? (ctx.stopSequence ?? null) : null;
