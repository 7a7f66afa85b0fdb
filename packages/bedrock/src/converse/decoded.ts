/** What the response and stream decoders of every wire format hand back. */
import type { Message } from '../types/content.js';
import type { StopReason, Usage } from '../types/events.js';

/**
 * Something a decoder received but could not map to the unified types. Decoders keep going (they are
 * total) and record it here, so nothing unknown is dropped silently: the client logs these.
 */
export type DecoderNote =
  | { kind: 'unknown-event'; name: string }
  | { kind: 'unknown-block'; index: number; member: string }
  | { kind: 'unmapped-stop-reason'; value: string }
  /** A streamed tool call whose arguments were not valid JSON; `raw` is what arrived. */
  | { kind: 'invalid-tool-input'; index: number; id: string; raw: string };

/** A whole (non-streamed) reply. */
export interface DecodedResponse {
  message: Message & { role: 'assistant' };
  stopReason: StopReason;
  /** Counts the body did not carry read as 0 (native bodies often carry none: see the response headers). */
  usage: Usage;
  latencyMs?: number;
  additionalFields?: Record<string, unknown>;
  /** Guardrail (and other) trace, when the request asked for it. */
  trace?: unknown;
  /** False when the body lacked the reply or its stop reason: it was probably not a model reply at all. */
  complete: boolean;
  notes: DecoderNote[];
}
