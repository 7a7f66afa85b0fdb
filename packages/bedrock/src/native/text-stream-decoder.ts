/**
 * The stream of a text-only family: one text block (index 0) from each chunk's text, a stop when the
 * chunk carries the family's stop reason, and usage from the invocation metrics of the last chunk.
 */
import type { DecoderNote } from '../converse/decoded.js';
import { asRecord, type JsonRecord } from '../converse/read-json.js';
import { StreamDecoderBase, type StreamDecoderOptions } from '../converse/stream-assembler.js';
import type { ChatEvent, StopReason } from '../types/events.js';
import { guardrailIntervened, invocationMetrics } from './invocation-metrics.js';
import type { NativeStreamDecoder } from './types.js';

/** What one chunk of a text family says. */
export interface TextChunk {
  text?: string;
  /** Present on the chunk that ends the reply. */
  stopReason?: StopReason;
}

export type TextChunkReader = (chunk: JsonRecord, notes: DecoderNote[]) => TextChunk;

export class TextStreamDecoder extends StreamDecoderBase implements NativeStreamDecoder {
  constructor(
    options: StreamDecoderOptions,
    private readonly read: TextChunkReader,
  ) {
    super(options);
  }

  decodeChunk(chunk: unknown): ChatEvent[] {
    const a = this.assembler;
    const r = asRecord(chunk);
    const { text, stopReason } = this.read(r, a.notes);
    a.start();
    if (text !== undefined) a.text(0, text);
    const metrics = invocationMetrics(r);
    if (metrics) a.setUsage(metrics.usage, metrics.latencyMs);
    if (stopReason) a.stopMessage(guardrailIntervened(r) ? 'guardrail_intervened' : stopReason);
    return a.drain();
  }
}
