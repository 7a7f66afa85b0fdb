import type { SseDialect } from '../compat/sse.js';
import { sseFrame } from '../compat/sse.js';
import type { ChunkEncoder } from './chunk-encoder.js';
import { openAiErrorBody } from './errors.js';

/**
 * OpenAI's SSE framing: `data:` lines only, a `[DONE]` sentinel at the end, and a failure after the
 * stream started as a `data: {"error": …}` line without `[DONE]` (the official client throws it).
 */
export const openAiSse = (encoder: ChunkEncoder): SseDialect => ({
  frames: (event) => encoder.push(event).map((chunk) => sseFrame(chunk)),
  end: () => ['data: [DONE]\n\n'],
  error: (failure) => [sseFrame(openAiErrorBody(failure))],
});
