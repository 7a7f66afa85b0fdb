import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startGateway, testTargets } from '../test-support/gateway-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startGateway(testTargets()[0]!.target);
});
afterAll(() => h.close());

const ROUTES: [string, string][] = [
  ['POST', '/api/conversations'],
  ['PATCH', '/api/conversations/x'],
  ['POST', '/api/conversations/x/messages'],
  ['POST', '/api/approvals/x'],
  ['PUT', '/api/settings'],
  ['POST', '/v1/chat/completions'],
  ['POST', '/v1/messages'],
];

describe('fuzzed bodies', () => {
  it('never get a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ model: 'claude-haiku-3', messages: v, text: v })),
        ),
        async ([method, path], body) => {
          const res = await fetch(`${h.url}${path}`, {
            method,
            headers: { 'content-type': 'application/json' },
            body,
          });
          await res.arrayBuffer();
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
