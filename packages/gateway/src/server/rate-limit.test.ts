import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    const c = clock();
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 3 }, c.now);
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 1000 });
    c.advance(400);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 600 });
    c.advance(600);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
  });

  it('refills at the configured rate up to the burst, never beyond', () => {
    const c = clock();
    const limiter = new RateLimiter({ requestsPerMinute: 120, burst: 2 }, c.now);
    limiter.take('k');
    limiter.take('k');
    c.advance(60_000);
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, false]);
  });

  it('defaults the burst to a minute of requests', () => {
    const limiter = new RateLimiter({ requestsPerMinute: 5 }, clock().now);
    expect(Array.from({ length: 6 }, () => limiter.take('k').allowed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('keeps a bucket per key', () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, burst: 1 }, clock().now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('forgets full buckets once many callers were seen, without changing answers', () => {
    const c = clock();
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 }, c.now);
    limiter.take('busy');
    // Each caller's bucket is full again a second later, so the sweep may drop it.
    for (let i = 0; i <= 10_000; i++) {
      limiter.take(`caller-${i}`);
      c.advance(1000);
    }
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThan(10);
    expect(limiter.take('busy').allowed).toBe(true);
    expect(limiter.take('busy').allowed).toBe(false);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0 })).toThrow(RangeError);
  });
});
