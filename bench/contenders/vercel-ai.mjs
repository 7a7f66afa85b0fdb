// The Vercel AI SDK (`ai` 6) with @ai-sdk/amazon-bedrock: generateText for a call, streamText's
// fullStream for a stream, SigV4 from explicit keys, the emulator as baseURL, Node's global fetch.
// `retries: false` sets maxRetries 0; otherwise its default (2, exponential from 2 s).
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, streamText } from 'ai';
import { CREDENTIALS, expectDeltas, expectText, MODEL, REGION, SHORT_TEXT } from './expect.mjs';

export function vercelAi({ name = 'Vercel AI SDK', url, retries = false }) {
  const bedrock = createAmazonBedrock({ region: REGION, ...CREDENTIALS, baseURL: url });
  const model = bedrock(MODEL);
  const options = (text) => ({
    model,
    messages: [{ role: 'user', content: text }],
    ...(retries ? {} : { maxRetries: 0 }),
  });
  return {
    name,
    async call() {
      const result = await generateText(options(SHORT_TEXT));
      expectText(name, result.text);
    },
    async stream({ text, deltas: want, onFirst }) {
      let deltas = 0;
      // Errors arrive as parts of the stream, not as exceptions.
      for await (const part of streamText(options(text)).fullStream) {
        if (part.type === 'error') throw part.error;
        if (part.type === 'text-delta' && deltas++ === 0) onFirst?.();
      }
      expectDeltas(name, deltas, want);
    },
    close: async () => {},
  };
}
