import { type SseDialect, sseFrame } from '../compat/sse.js';
import { anthropicErrorBody } from './errors.js';
import type { AnthropicEventEncoder } from './event-encoder.js';

/**
 * Anthropic's SSE framing: every frame names its event (`event: message_start`, …) as Anthropic
 * sends, and a failure after the stream started is an `event: error` frame (the official SDK throws it).
 */
export const anthropicSse = (encoder: AnthropicEventEncoder): SseDialect => ({
  frames: (event) => encoder.push(event).map((out) => sseFrame(out, out.type)),
  end: () => encoder.end().map((out) => sseFrame(out, out.type)),
  error: (failure) => [sseFrame(anthropicErrorBody(failure), 'error')],
});
