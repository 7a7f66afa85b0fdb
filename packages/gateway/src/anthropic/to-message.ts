import type { ChatResult } from '@strata/bedrock';
import { anthropicUsage, responseBlock, STOP_REASONS, stopSequenceOf } from './mappings.js';
import type { AnthropicMessage } from './types.js';

export interface MessageMeta {
  id: string;
  /** The model as the caller named it. */
  model: string;
}

/**
 * A collected reply as an Anthropic `message`. `chat()` also returns the stream's additional response
 * fields (where Bedrock names the matched stop sequence), though ChatResult does not declare them.
 */
export function toMessage(result: ChatResult, meta: MessageMeta): AnthropicMessage {
  const { additionalFields } = result as ChatResult & { additionalFields?: Record<string, unknown> };
  return {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: result.message.content.flatMap((block) => responseBlock(block) ?? []),
    stop_reason: STOP_REASONS[result.stopReason],
    stop_sequence: stopSequenceOf(additionalFields),
    usage: anthropicUsage(result.usage),
  };
}
