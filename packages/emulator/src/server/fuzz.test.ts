import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const BEARER = 'Bearer ABSKEXAMPLEemulatortest0001';

function send(
  method: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${emulator.url}${path}`,
      { method, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const PATHS = [
  '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
  '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream',
  '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
  '/model/meta.llama3-8b-instruct-v1%3A0/invoke',
  '/model/cohere.command-r-v1%3A0/invoke-with-response-stream',
  '/model/anthropic.claude-3-haiku-20240307-v1%3A0/count-tokens',
  '/foundation-models',
];

/** Bodies shaped like real requests but with random values in random places. */
const messageLike = fc.record({
  messages: fc.oneof(
    fc.array(
      fc.record({
        role: fc.oneof(fc.constant('user'), fc.constant('assistant'), fc.string()),
        content: fc.anything(),
      }),
    ),
    fc.anything(),
  ),
  system: fc.option(fc.anything()),
  inferenceConfig: fc.option(fc.anything()),
  toolConfig: fc.option(fc.anything()),
  anthropic_version: fc.option(fc.string()),
  max_tokens: fc.option(fc.anything()),
  prompt: fc.option(fc.anything()),
  message: fc.option(fc.anything()),
  input: fc.option(fc.anything()),
});

describe('fuzzed requests', () => {
  it('never crash the emulator nor answer 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.oneof(
          messageLike.map((b) => JSON.stringify(b)),
          fc.string(),
          fc.json(),
        ),
        async (path, body) => {
          const res = await send(path === '/foundation-models' ? 'GET' : 'POST', path, body, {
            authorization: BEARER,
            'content-type': 'application/json',
          });
          expect(res.status).not.toBe(500);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400)
            expect(typeof (JSON.parse(res.body) as { message?: unknown }).message).toBe('string');
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
    const alive = await send('GET', '/foundation-models', '', { authorization: BEARER });
    expect(alive.status).toBe(200);
  });

  it('garbage paths and methods get the unknown-operation answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.webPath(),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        async (path, method) => {
          const res = await send(method, path.startsWith('/') ? path : `/${path}`, '', {
            authorization: BEARER,
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
