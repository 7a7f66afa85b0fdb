import { collect } from '../../converse/collect-events.js';
import type { ChatRequest } from '../../types/request.js';
import type { NativeCodec } from '../types.js';

/** A three-turn conversation with a system prompt, the shape every prompt template must render. */
export const conversation = (over: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'test',
  system: 'You are terse.',
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Name a colour.' }] },
  ],
  ...over,
});

/** Chunks through a codec's stream decoder: the events, collected, and how the stream ended. */
export function streamThrough(codec: NativeCodec, chunks: unknown[]) {
  const decoder = codec.streamDecoder({ model: 'test-model' });
  const events = chunks.flatMap((chunk) => decoder.decodeChunk(JSON.parse(JSON.stringify(chunk))));
  return { events, result: collect(events), end: decoder.finish(), notes: decoder.notes };
}

export const metrics = (input: number, output: number, extra: Record<string, number> = {}) => ({
  'amazon-bedrock-invocationMetrics': {
    inputTokenCount: input,
    outputTokenCount: output,
    invocationLatency: 321,
    firstByteLatency: 100,
    ...extra,
  },
});
