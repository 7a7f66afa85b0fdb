/**
 * Claude's InvokeModelWithResponseStream chunks: exactly Anthropic's streaming events (message_start,
 * content_block_start/delta/stop per block, message_delta, message_stop), with Bedrock's invocation
 * metrics on the last one.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type { InvocationMetrics, Reply, ReplyBlock, Usage } from '../conversation/types.js';
import {
  anthropicMessageId,
  anthropicModelName,
  anthropicStopReason,
  anthropicUsage,
  stopSequenceOf,
} from './anthropic-wire.js';
import type { NativeContext } from './codec.js';
import { closingFields, splitJson } from './wire.js';

type Chunk = Record<string, unknown>;

export function encodeAnthropicStream(
  reply: Reply,
  usage: Usage,
  metrics: InvocationMetrics,
  ctx: NativeContext,
): Chunk[] {
  const chunks: Chunk[] = [
    {
      type: 'message_start',
      message: {
        id: anthropicMessageId(ctx),
        type: 'message',
        role: 'assistant',
        model: anthropicModelName(ctx.modelId),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // Anthropic reports the first output token already counted when the message starts.
        usage: anthropicUsage(usage, Math.min(1, usage.outputTokens)),
      },
    },
  ];
  reply.blocks.forEach((block, index) => {
    chunks.push({ type: 'content_block_start', index, content_block: blockStart(block) });
    for (const delta of blockDeltas(block, ctx.wordsPerDelta)) {
      chunks.push({ type: 'content_block_delta', index, delta });
    }
    chunks.push({ type: 'content_block_stop', index });
  });
  chunks.push(
    {
      type: 'message_delta',
      delta: {
        stop_reason: anthropicStopReason(reply.stopReason),
        stop_sequence: stopSequenceOf(reply, ctx),
      },
      usage: { output_tokens: usage.outputTokens },
    },
    { type: 'message_stop', ...closingFields(reply, usage, metrics) },
  );
  return chunks;
}

function blockStart(block: ReplyBlock): Chunk {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'reasoning':
      return { type: 'thinking', thinking: '' };
    // Redacted thinking arrives whole in its start event; it has no deltas.
    case 'redactedReasoning':
      return { type: 'redacted_thinking', data: block.data };
    case 'toolUse':
      return { type: 'tool_use', id: block.toolUseId, name: block.name, input: {} };
  }
}

function blockDeltas(block: ReplyBlock, wordsPerDelta: number): Chunk[] {
  switch (block.type) {
    case 'text':
      return splitIntoDeltas(block.text, wordsPerDelta).map((text) => ({ type: 'text_delta', text }));
    case 'reasoning':
      return [
        ...splitIntoDeltas(block.text, wordsPerDelta).map((thinking) => ({
          type: 'thinking_delta',
          thinking,
        })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'redactedReasoning':
      return [];
    case 'toolUse':
      return splitJson(block.input).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  }
}
