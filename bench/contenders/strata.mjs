// Strata as an application uses it: `chat()` for a call (Converse, the whole reply — its default) and
// `stream()` iterated for a stream, with its defaults (the shared HTTP/1.1 keep-alive pool).
// `retries: false` sets maxRetries 0; otherwise its default (3, budgeted).
// `allowH2` and `ca` (a PEM to trust, e.g. the TLS emulator's certificate) go to createBedrock when
// given; without them it keeps its defaults.
import { closeSharedDispatchers, createBedrock } from '@strata/bedrock';
import { CREDENTIALS, expectDeltas, expectText, MODEL, REGION, SHORT_TEXT } from './expect.mjs';

export function strata({ name = 'Strata', url, retries = false, allowH2, ca }) {
  const bedrock = createBedrock({
    endpoint: url,
    region: REGION,
    credentials: CREDENTIALS,
    ...(retries ? {} : { maxRetries: 0 }),
    ...(allowH2 !== undefined ? { allowH2 } : {}),
    ...(ca !== undefined ? { ca } : {}),
  });
  const messages = (text) => [{ role: 'user', content: [{ type: 'text', text }] }];
  const shortMessages = messages(SHORT_TEXT);
  return {
    name,
    async call() {
      const result = await bedrock.chat({ model: MODEL, messages: shortMessages });
      expectText(name, result.message.content[0]?.text);
    },
    async stream({ text, deltas: want, onFirst }) {
      let deltas = 0;
      for await (const event of bedrock.stream({ model: MODEL, messages: messages(text) })) {
        if (event.type === 'text-delta' && deltas++ === 0) onFirst?.();
      }
      expectDeltas(name, deltas, want);
    },
    close: async () => {
      await closeSharedDispatchers();
    },
  };
}
