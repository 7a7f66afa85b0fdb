import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RetryPolicy } from './retry-policy.js';

describe('RetryPolicy', () => {
  it('backs off with full jitter under a doubling ceiling', () => {
    const policy = new RetryPolicy({ baseDelayMs: 100, random: () => 0.999 });
    expect(policy.nextDelay(0)).toBe(99);
    expect(policy.nextDelay(1)).toBe(199);
    expect(policy.nextDelay(2)).toBe(399);
    expect(policy.nextDelay(3)).toBeUndefined();
  });

  it('honours Retry-After over the jitter', () => {
    expect(new RetryPolicy({ random: () => 0 }).nextDelay(0, 2500)).toBe(2500);
  });

  it('stops retrying when the budget is spent, and refills on success', () => {
    const policy = new RetryPolicy({ budget: { capacity: 10, retryCost: 5, successRefund: 5 } });
    expect(policy.nextDelay(0)).toBeDefined();
    expect(policy.nextDelay(0)).toBeDefined();
    expect(policy.nextDelay(0)).toBeUndefined();
    policy.recordSuccess();
    expect(policy.nextDelay(0)).toBeDefined();
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
