import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS, userText } from '../test-support/emulator.js';
import { createBedrock } from './create-bedrock.js';
import type { Bedrock } from './options.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tls: true });
});
afterAll(() => emulator.close());

describe('TLS endpoints', () => {
  it.each([false, true])('trusts a custom CA (allowH2: %s)', async (allowH2) => {
    const client = createBedrock({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      ca: emulator.certificate,
      allowH2,
    });
    const result = await client.chat({ model: 'claude-haiku-3', messages: [userText(`secure ${allowH2}`)] });
    expect(result.message.content).toEqual([{ type: 'text', text: `secure ${allowH2}` }]);
  });

  it('refuses an untrusted certificate with a clear error', async () => {
    const client = createBedrock({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxRetries: 0,
    });
    await expect(client.chat({ model: 'claude-haiku-3', messages: [userText('x')] })).rejects.toMatchObject({
      code: 'provider_error',
      message: expect.stringMatching(/certificate/i),
    });
  });
});

/** Reads a stream up to its first text delta and leaves it open (ending the loop would close it). */
async function firstDelta(client: Bedrock, text: string, signal: AbortSignal): Promise<string | undefined> {
  const events = client
    .stream({ model: 'claude-haiku-3', messages: [userText(text)], signal })
    [Symbol.asyncIterator]();
  for (let next = await events.next(); !next.done; next = await events.next()) {
    if (next.value.type === 'text-delta') return next.value.text;
  }
  return undefined;
}

describe('connection reuse', () => {
  it('keeps 300 streams open at once (no cap on the pool queues a stream behind long ones)', async () => {
    const held = await startEmulator({
      port: 0,
      script: { rules: [{ match: { lastUserText: '^hold' }, fault: 'stall-mid-stream;after=2' }] },
    });
    const abort = new AbortController();
    try {
      const client = createBedrock({
        endpoint: held.url,
        region: 'us-east-1',
        credentials: TEST_CREDENTIALS,
      });
      const texts = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          firstDelta(client, `hold stream ${i} open please`, abort.signal),
        ),
      );
      expect(texts.every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
      expect(held.stats.connections).toBeGreaterThanOrEqual(300);
    } finally {
      abort.abort();
      await held.close();
    }
  });

  it('many clients for the same endpoint share one keep-alive pool', async () => {
    const plain = await startEmulator({ port: 0 });
    try {
      for (let i = 0; i < 20; i++) {
        const client = createBedrock({
          endpoint: plain.url,
          region: 'us-east-1',
          credentials: TEST_CREDENTIALS,
        });
        await client.chat({ model: 'claude-haiku-3', messages: [userText(`call ${i}`)] });
      }
      expect(plain.stats.requests).toBe(20);
      // undici may open a second socket while the first is being returned to the pool (it does so
      // against a bare Node server too); what matters is no socket per client or per call.
      expect(plain.stats.connections).toBeLessThanOrEqual(2);
    } finally {
      await plain.close();
    }
  });
});
