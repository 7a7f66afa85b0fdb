import type { ContentBlock, StopReason, Usage } from '@strata/bedrock';
import type { AnthropicStopReason, AnthropicUsage, ResponseBlock } from './types.js';

/** Bedrock's stop reasons are Anthropic's, except the filter stops, which Anthropic calls a refusal. */
export const STOP_REASONS: Record<StopReason, AnthropicStopReason> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  content_filtered: 'refusal',
  guardrail_intervened: 'refusal',
};

/** Which stop sequence matched: Claude on Bedrock reports it in the additional response fields. */
export function stopSequenceOf(additionalFields: Record<string, unknown> | undefined): string | null {
  const value = additionalFields?.stop_sequence;
  return typeof value === 'string' ? value : null;
}

/** Bedrock counts input, cache reads and cache writes apart, exactly as Anthropic does. */
export const anthropicUsage = (usage: Usage): AnthropicUsage => ({
  input_tokens: usage.inputTokens,
  output_tokens: usage.outputTokens,
  cache_creation_input_tokens: usage.cacheWriteInputTokens,
  cache_read_input_tokens: usage.cacheReadInputTokens,
});

/** No tokens: what a stream reports before (or without) Bedrock's usage. */
export const noUsage = (): AnthropicUsage => ({
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

/** Redacted thinking's bytes back as Anthropic's opaque string (see `to-chat-request.ts`). */
export const redactedData = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** An assistant block in Anthropic's form; blocks only requests carry (images, results) have none. */
export function responseBlock(block: ContentBlock): ResponseBlock | undefined {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'reasoning':
      return { type: 'thinking', thinking: block.text, signature: block.signature ?? '' };
    case 'redacted-reasoning':
      return { type: 'redacted_thinking', data: redactedData(block.data) };
    case 'tool-use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input ?? {} };
    default:
      return undefined;
  }
}
