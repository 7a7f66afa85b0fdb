import http2 from 'node:http2';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitFrames } from '../eventstream/frames.js';
import { runtimeClient, TRANSPORTS } from '../test-support/clients.js';
import { FAULT_HEADER, startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

const PATH = '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream';
const BODY = JSON.stringify({
  messages: [{ role: 'user', content: [{ text: 'a b c d e f g h i j k l m n o p' }] }],
});
const BEARER = { authorization: 'Bearer ABSKEXAMPLEemulatortest0001', 'content-type': 'application/json' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, wordsPerDelta: 1 });
});
afterAll(() => emulator.close());

const post = (fault: string, path = PATH, signal?: AbortSignal) =>
  fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { ...BEARER, [FAULT_HEADER]: fault },
    body: BODY,
    ...(signal ? { signal } : {}),
  });

describe('faults', () => {
  it('throttle carries Retry-After when asked', async () => {
    const res = await post('throttle;retry-after=3', PATH.replace('converse-stream', 'converse'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
    expect(await res.json()).toEqual({ message: 'Too many requests, please wait before trying again.' });
  });

  it('latency delays the answer', async () => {
    const started = Date.now();
    const res = await post('latency;ms=150', PATH.replace('converse-stream', 'converse'));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('slow streaming spaces the events', async () => {
    const started = Date.now();
    const res = await post('slow;ms=20');
    const frames = splitFrames(new Uint8Array(await res.arrayBuffer())).frames;
    expect(frames.length).toBeGreaterThan(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 * (frames.length - 2));
  });

  it('a stall before the first byte sends nothing until the client gives up', async () => {
    await expect(post('stall', PATH, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
  });

  it('a stall mid-stream sends some events, then nothing', async () => {
    const res = await post('stall-mid-stream;after=4', PATH, AbortSignal.timeout(400));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += value.length;
        }
      })(),
    ).rejects.toThrow(/abort|timeout/i);
    expect(received).toBeGreaterThan(0);
  });

  it('a reset mid-stream breaks an HTTP/1.1 body', async () => {
    const res = await post('reset;after=3');
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it('a reset with `after` on a non-streaming call cuts the JSON body after its headers', async () => {
    const res = await post('reset;after=1', PATH.replace('converse-stream', 'converse'));
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    await expect(res.text()).rejects.toThrow();
  });

  it('a reset mid-stream resets the HTTP/2 stream', async () => {
    const session = http2.connect(emulator.url);
    const code = await new Promise<number>((resolve) => {
      const stream = session.request({
        ':method': 'POST',
        ':path': PATH,
        ...BEARER,
        [FAULT_HEADER]: 'reset;after=3',
      });
      stream.on('data', () => {});
      stream.on('close', () => resolve(stream.rstCode ?? -1));
      stream.on('error', () => {});
      stream.end(BODY);
    });
    session.close();
    expect(code).toBe(http2.constants.NGHTTP2_INTERNAL_ERROR);
  });

  it.each(TRANSPORTS)('a corrupt frame CRC makes the official client (%s) fail', async (transport) => {
    const out = await runtimeClient(emulator.url, { transport, fault: 'corrupt-crc;after=2' }).send(
      new ConverseStreamCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: [{ text: 'x y z w' }] }],
      }),
    );
    await expect(
      (async () => {
        for await (const _ of out.stream ?? []) {
          /* drain */
        }
      })(),
    ).rejects.toThrow(/checksum|crc/i);
  });

  it('an unknown fault in the header is a clear ValidationException', async () => {
    const res = await post('explode');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/Unknown fault "explode"/);
  });
});

describe('seeded fault rates', () => {
  async function statuses(seed: number): Promise<number[]> {
    const e = await startEmulator({ port: 0, faults: 'throttle=0.3,internal=0.1', seed });
    const out: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${e.url}${PATH.replace('converse-stream', 'converse')}`, {
        method: 'POST',
        headers: BEARER,
        body: BODY,
      });
      out.push(res.status);
      await res.arrayBuffer();
    }
    await e.close();
    return out;
  }

  it('the same seed gives the same faults; the rates show', async () => {
    const a = await statuses(42);
    const b = await statuses(42);
    const c = await statuses(7);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(2);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(10);
  });
});
