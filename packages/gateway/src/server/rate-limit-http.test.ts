import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Harness, startGateway, testTargets } from '../test-support/gateway-harness.js';

const sqlite = testTargets()[0]!.target;
/** At 2 a minute the next token is 30 s away, less whatever the test's requests took. */
const expectRetryAfter = (res: Response) =>
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(25);
const KEYS = ['key-aaaaaaaaaaaaaaaa', 'key-bbbbbbbbbbbbbbbb', 'key-cccccccccccccccc', 'key-dddddddddddddddd'];

describe('rate limits per API key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway(sqlite, { apiKeys: KEYS, rateLimit: { requestsPerMinute: 2, burst: 2 } });
  });
  afterAll(() => h.close());

  it('answers 429 with Retry-After and the app error on /api, per key', async () => {
    const a = api(h.url, KEYS[0]);
    expect((await a.get('/api/conversations')).status).toBe(200);
    expect((await a.get('/api/conversations')).status).toBe(200);
    const limited = await a.get('/api/conversations');
    expect(limited.status).toBe(429);
    expectRetryAfter(limited);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/2 requests a minute/);
    expect((await api(h.url, KEYS[1]).get('/api/conversations')).status).toBe(200);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('answers in the OpenAI dialect on /v1/chat/completions', async () => {
    const c = api(h.url, KEYS[2]);
    await c.get('/v1/models');
    await c.get('/v1/models');
    const limited = await c.post('/v1/chat/completions', {
      model: 'claude-haiku-3',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(limited.status).toBe(429);
    expectRetryAfter(limited);
    expect(await limited.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
    });
  });

  it('answers in the Anthropic dialect on /v1/messages', async () => {
    const d = api(h.url, KEYS[3]);
    await d.get('/v1/models');
    await d.get('/v1/models');
    const limited = await d.post('/v1/messages', {
      model: 'claude-haiku-3',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(limited.status).toBe(429);
    expectRetryAfter(limited);
    expect(await limited.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });
});

describe('rate limits on an open gateway', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway(sqlite, { rateLimit: { requestsPerMinute: 2, burst: 1 } });
  });
  afterAll(() => h.close());

  it('limits per client IP', async () => {
    expect((await api(h.url).get('/api/conversations')).status).toBe(200);
    const limited = await api(h.url).get('/api/conversations');
    expect(limited.status).toBe(429);
    expectRetryAfter(limited);
  });
});
