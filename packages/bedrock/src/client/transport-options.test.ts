import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS, userText } from '../test-support/emulator.js';
import { createBedrock } from './create-bedrock.js';

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

describe('connection reuse', () => {
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
