import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Harness, startGateway, testTargets } from '../test-support/gateway-harness.js';
import { type RunningRedis, startRedis } from '../test-support/redis-server.js';

const sqlite = testTargets()[0]!.target;
const KEY = 'key-shared-aaaaaaaaaaaa';
const OTHER = 'key-other-bbbbbbbbbbbb';

describe('rate limits shared through Redis', () => {
  let redis: RunningRedis;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    redis = await startRedis();
    // 60 a minute: one token a second, so the refill is seen quickly.
    const options = {
      apiKeys: [KEY, OTHER],
      rateLimit: { requestsPerMinute: 60, burst: 3 },
      redisUrl: redis.url,
    };
    a = await startGateway(sqlite, options);
    b = await startGateway(sqlite, options);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.close();
  });

  it('spends one budget per key across both instances, answers 429 with Retry-After, and refills', async () => {
    const onA = api(a.url, KEY);
    const onB = api(b.url, KEY);
    expect((await onA.get('/api/conversations')).status).toBe(200);
    expect((await onB.get('/api/conversations')).status).toBe(200);
    expect((await onA.get('/api/conversations')).status).toBe(200);
    // Each instance alone has had at most 2 of its 3; only the shared budget is spent.
    const limited = await onB.get('/api/conversations');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await onA.get('/v1/models')).status).toBe(429);
    // Another key has its own budget.
    expect((await api(b.url, OTHER).get('/api/conversations')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await onA.get('/api/conversations')).status).toBe(200);
    expect((await onB.get('/api/conversations')).status).toBe(429);
  });
});

describe('rate limits when Redis is unreachable', () => {
  it('fails open: requests are allowed', async () => {
    // Nothing listens on port 1.
    const h = await startGateway(sqlite, {
      apiKeys: [KEY],
      rateLimit: { requestsPerMinute: 1, burst: 1 },
      redisUrl: 'redis://127.0.0.1:1',
    });
    try {
      const c = api(h.url, KEY);
      for (let i = 0; i < 3; i++) expect((await c.get('/api/conversations')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
