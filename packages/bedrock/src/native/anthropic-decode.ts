/**
 * Anthropic Messages replies and stream chunks → unified. Usage in a stream comes from Bedrock's
 * invocation metrics on the last chunk (the billed counts); cache counts fall back to the ones
 * `message_start` reported when the metrics leave them out.
 */
import type { DecodedResponse, DecoderNote } from '../converse/decoded.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../converse/read-json.js';
import { mapStopReason } from '../converse/stop-reason.js';
import { StreamDecoderBase } from '../converse/stream-assembler.js';
import { usageOf } from '../converse/usage.js';
import type { ContentBlock } from '../types/content.js';
import type { ChatEvent, StopReason, Usage } from '../types/events.js';
import { guardrailIntervened, invocationMetrics } from './invocation-metrics.js';
import type { NativeStreamDecoder } from './types.js';

/** `refusal` is Claude declining on safety grounds; `pause_turn` (server tools) is left noted. */
const STOP: Record<string, StopReason> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  refusal: 'content_filtered',
  model_context_window_exceeded: 'max_tokens',
};

/** Redacted thinking is an opaque string; as unified bytes it is that string's UTF-8, losslessly back. */
const redactedBytes = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'utf8'));

const usageParts = (raw: unknown): Partial<Usage> => {
  const u = asRecord(raw);
  return {
    inputTokens: asNumber(u.input_tokens),
    outputTokens: asNumber(u.output_tokens),
    cacheReadInputTokens: asNumber(u.cache_read_input_tokens),
    cacheWriteInputTokens: asNumber(u.cache_creation_input_tokens),
  };
};

function contentBlock(raw: unknown): ContentBlock | undefined {
  const b = asRecord(raw);
  switch (b.type) {
    case 'text':
      return { type: 'text', text: asString(b.text) ?? '' };
    case 'tool_use':
      return {
        type: 'tool-use',
        id: asString(b.id) ?? '',
        name: asString(b.name) ?? '',
        input: b.input ?? {},
      };
    case 'thinking': {
      const signature = asString(b.signature);
      const text = asString(b.thinking) ?? '';
      return signature === undefined ? { type: 'reasoning', text } : { type: 'reasoning', text, signature };
    }
    case 'redacted_thinking':
      return { type: 'redacted-reasoning', data: redactedBytes(asString(b.data) ?? '') };
    default:
      return undefined;
  }
}

export function decodeAnthropicResponse(body: unknown): DecodedResponse {
  const r = asRecord(body);
  const notes: DecoderNote[] = [];
  const content = asArray(r.content).flatMap((item, index) => {
    const block = contentBlock(item);
    if (!block) notes.push({ kind: 'unknown-block', index, member: String(asRecord(item).type) });
    return block ? [block] : [];
  });
  const stopReason = mapStopReason(r.stop_reason, STOP, notes);
  return {
    message: { role: 'assistant', content },
    stopReason: guardrailIntervened(r) ? 'guardrail_intervened' : stopReason,
    usage: usageOf(usageParts(r.usage)),
    complete: Array.isArray(r.content) && typeof r.stop_reason === 'string',
    notes,
  };
}

export class AnthropicStreamDecoder extends StreamDecoderBase implements NativeStreamDecoder {
  private stopReason: StopReason = 'end_turn';
  private reported: Partial<Usage> = {};

  private blockStart(index: number, block: JsonRecord): void {
    const a = this.assembler;
    switch (block.type) {
      case 'text':
        a.text(index, asString(block.text) ?? '');
        return;
      case 'tool_use':
        a.toolStart(index, asString(block.id) ?? '', asString(block.name) ?? '');
        return;
      case 'thinking':
        a.reasoning(index, {
          text: asString(block.thinking) ?? '',
          signature: asString(block.signature) ?? '',
        });
        return;
      case 'redacted_thinking':
        a.reasoning(index, { redacted: redactedBytes(asString(block.data) ?? '') });
        return;
      default:
        a.notes.push({ kind: 'unknown-block', index, member: String(block.type) });
    }
  }

  private blockDelta(index: number, delta: JsonRecord): void {
    const a = this.assembler;
    switch (delta.type) {
      case 'text_delta':
        a.text(index, asString(delta.text) ?? '');
        return;
      case 'input_json_delta':
        a.toolDelta(index, asString(delta.partial_json) ?? '');
        return;
      case 'thinking_delta':
        a.reasoning(index, { text: asString(delta.thinking) ?? '' });
        return;
      case 'signature_delta':
        a.reasoning(index, { signature: asString(delta.signature) ?? '' });
        return;
      case 'citations_delta':
        // The cited text arrives in its own text deltas; only the source reference is dropped.
        return;
      default:
        a.notes.push({ kind: 'unknown-block', index, member: String(delta.type) });
    }
  }

  decodeChunk(chunk: unknown): ChatEvent[] {
    const a = this.assembler;
    const r = asRecord(chunk);
    const index = asNumber(r.index) ?? 0;
    switch (r.type) {
      case 'message_start':
        a.start();
        this.reported = usageParts(asRecord(r.message).usage);
        break;
      case 'content_block_start':
        this.blockStart(index, asRecord(r.content_block));
        break;
      case 'content_block_delta':
        this.blockDelta(index, asRecord(r.delta));
        break;
      case 'content_block_stop':
        a.stopBlock(index);
        break;
      case 'message_delta':
        this.stopReason = mapStopReason(asRecord(r.delta).stop_reason, STOP, a.notes);
        break;
      case 'message_stop':
        a.stopMessage(guardrailIntervened(r) ? 'guardrail_intervened' : this.stopReason);
        break;
      case 'ping':
        break;
      default:
        a.notes.push({ kind: 'unknown-event', name: String(r.type) });
    }
    const metrics = invocationMetrics(r);
    if (metrics) {
      const { usage } = metrics;
      a.setUsage(
        usageOf({
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          cacheReadInputTokens: usage.cacheReadInputTokens || this.reported.cacheReadInputTokens,
          cacheWriteInputTokens: usage.cacheWriteInputTokens || this.reported.cacheWriteInputTokens,
        }),
        metrics.latencyMs,
      );
    }
    return a.drain();
  }
}
