// LangChain's ChatBedrockConverse (@langchain/aws): invoke for a call, stream for a stream. Its
// `endpointHost` option forces https://, so it gets the BedrockRuntimeClient it would build itself
// (default handler and retries), pointed at the emulator. It sends Converse / ConverseStream.
// `retries: false` sets the client's maxAttempts 1; otherwise the AWS SDK's default (3 attempts) —
// LangChain does not wrap client.send in its own retrying caller.
import { ChatBedrockConverse } from '@langchain/aws';
import { runtimeClient } from './aws-sdk.mjs';
import { expectDeltas, expectText, MODEL, REGION, SHORT_TEXT } from './expect.mjs';

export function langchain({ name = 'LangChain', url, retries = false }) {
  const client = runtimeClient(url, retries);
  const chat = new ChatBedrockConverse({ model: MODEL, region: REGION, client });
  return {
    name,
    async call() {
      const message = await chat.invoke([['human', SHORT_TEXT]]);
      expectText(name, message.content);
    },
    async stream({ text, deltas: want, onFirst }) {
      let deltas = 0;
      for await (const chunk of await chat.stream([['human', text]])) {
        // Start, stop and usage chunks carry empty content.
        if (typeof chunk.content === 'string' && chunk.content !== '' && deltas++ === 0) onFirst?.();
      }
      expectDeltas(name, deltas, want);
    },
    close: async () => client.destroy(),
  };
}
