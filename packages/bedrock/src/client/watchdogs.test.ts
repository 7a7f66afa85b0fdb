import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ModelStreamError,
  ModelTimeoutError,
  StreamStalledError,
} from '../errors/strata-error.js';
import { drain, faulty, userText, withEmulator } from '../test-support/emulator.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator({ wordsPerDelta: 1 });
});
afterAll(() => env.emulator.close());

const ask = { model: 'claude-haiku-3', messages: [userText('a b c d e f g h i j')] };
const LONG = 'word '.repeat(20);

describe('watchdogs, resets and abort', () => {
  it('a stream that stalls mid-reply ends with StreamStalledError carrying the partial text', async () => {
    const client = env.client({
      dispatcher: faulty('stall-mid-stream;after=5'),
      timeouts: { idleMs: 300 },
      maxRetries: 0,
    });
    const error = await drain(client.stream({ model: 'claude-haiku-3', messages: [userText(LONG)] })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamStalledError);
    expect((error as StreamStalledError).partial?.text.length).toBeGreaterThan(0);
    expect(LONG.startsWith((error as StreamStalledError).partial?.text ?? 'x')).toBe(true);
  });

  it('no first byte within firstByteMs is a StreamStalledError (retried, then given up)', async () => {
    env.emulator.resetStats();
    const client = env.client({
      dispatcher: faulty('stall'),
      timeouts: { firstByteMs: 200 },
      maxRetries: 1,
      chatReply: 'stream',
    });
    const error = await client.chat(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamStalledError);
    expect(env.emulator.stats.byOperation.ConverseStream).toBe(2);
  });

  it('a whole reply is not cut by firstByteMs (the model answers once done), only by the total timeout', async () => {
    const slow = env.client({ dispatcher: faulty('latency;ms=400'), timeouts: { firstByteMs: 100 } });
    expect((await slow.chat(ask)).message.content).toEqual([{ type: 'text', text: 'a b c d e f g h i j' }]);
    const stalled = env.client({ dispatcher: faulty('stall'), timeouts: { firstByteMs: 100, totalMs: 400 } });
    expect(await stalled.chat(ask).catch((e: unknown) => e)).toBeInstanceOf(ModelTimeoutError);
  });

  it('a connection reset mid-reply is ModelStreamError with the partial output, never a silent success', async () => {
    const client = env.client({ dispatcher: faulty('reset;after=5'), maxRetries: 0, chatReply: 'stream' });
    const error = await client
      .chat({ model: 'claude-haiku-3', messages: [userText(LONG)] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelStreamError);
    expect((error as ModelStreamError).partial?.text.length).toBeGreaterThan(0);
  });

  it('a frame with a bad CRC is a typed error, not garbage', async () => {
    const error = await env
      .client({ dispatcher: faulty('corrupt-crc;after=3'), maxRetries: 0, chatReply: 'stream' })
      .chat(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelStreamError);
    expect((error as Error).message).toMatch(/corrupt frame/);
  });

  it('AbortSignal cancels the HTTP request at once', async () => {
    const controller = new AbortController();
    const client = env.client({ dispatcher: faulty('slow;ms=200') });
    const started = Date.now();
    const error = await (async () => {
      for await (const event of client.stream({ ...ask, signal: controller.signal })) {
        if (event.type === 'text-delta') controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('AbortSignal cancels a whole reply still being generated', async () => {
    const controller = new AbortController();
    const client = env.client({ dispatcher: faulty('latency;ms=5000') });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await client.chat({ ...ask, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('the total timeout bounds the whole call', async () => {
    const error = await env
      .client({ dispatcher: faulty('slow;ms=100'), timeouts: { totalMs: 300 }, chatReply: 'stream' })
      .chat({ model: 'claude-haiku-3', messages: [userText(LONG)] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelTimeoutError);
  });
});
