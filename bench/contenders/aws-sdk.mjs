// @aws-sdk/client-bedrock-runtime as an application creates it: its default request handler (HTTP/2
// with `disableConcurrentStreams`, a new session per request; h2c with prior knowledge to http://).
// `retries: false` sets maxAttempts 1; otherwise its default (standard mode, 3 attempts).
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { CREDENTIALS, expectDeltas, expectText, MODEL, REGION, SHORT_TEXT } from './expect.mjs';

export function runtimeClient(url, retries) {
  return new BedrockRuntimeClient({
    endpoint: url,
    region: REGION,
    credentials: CREDENTIALS,
    ...(retries ? {} : { maxAttempts: 1 }),
  });
}

export function awsSdk({ name = 'AWS SDK v3', url, retries = false }) {
  const client = runtimeClient(url, retries);
  const input = (text) => ({ modelId: MODEL, messages: [{ role: 'user', content: [{ text }] }] });
  return {
    name,
    async call() {
      const out = await client.send(new ConverseCommand(input(SHORT_TEXT)));
      expectText(name, out.output?.message?.content?.[0]?.text);
    },
    async stream({ text, deltas: want, onFirst }) {
      const out = await client.send(new ConverseStreamCommand(input(text)));
      let deltas = 0;
      for await (const event of out.stream) {
        if (event.contentBlockDelta?.delta?.text && deltas++ === 0) onFirst?.();
      }
      expectDeltas(name, deltas, want);
    },
    close: async () => client.destroy(),
  };
}
