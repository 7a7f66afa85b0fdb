import { describe, expect, it } from 'vitest';
import { loadServeConfig } from './serve-config.js';

describe('loadServeConfig rate limit', () => {
  it('reads STRATA_RATE_LIMIT, a flag overriding it, and leaves it unset by default', () => {
    expect(loadServeConfig({}, {}).rateLimitPerMinute).toBeUndefined();
    expect(loadServeConfig({}, { STRATA_RATE_LIMIT: '30' }).rateLimitPerMinute).toBe(30);
    expect(loadServeConfig({ rateLimitPerMinute: 90 }, { STRATA_RATE_LIMIT: '30' }).rateLimitPerMinute).toBe(
      90,
    );
  });

  it('refuses a rate that is not a positive integer, naming the key', () => {
    expect(() => loadServeConfig({}, { STRATA_RATE_LIMIT: '0' })).toThrow(/"rateLimitPerMinute"/);
    expect(() => loadServeConfig({}, { STRATA_RATE_LIMIT: 'lots' })).toThrow(/"rateLimitPerMinute"/);
  });

  it('reads REDIS_URL and accepts only redis:// or rediss:// URLs', () => {
    expect(loadServeConfig({}, {}).redisUrl).toBeUndefined();
    expect(loadServeConfig({}, { REDIS_URL: 'redis://cache:6379/0' }).redisUrl).toBe('redis://cache:6379/0');
    expect(loadServeConfig({}, { REDIS_URL: 'rediss://u:p@cache:6380' }).redisUrl).toBe(
      'rediss://u:p@cache:6380',
    );
    expect(() => loadServeConfig({}, { REDIS_URL: 'http://cache:6379' })).toThrow(/"redisUrl"/);
    expect(() => loadServeConfig({}, { REDIS_URL: 'cache:6379' })).toThrow(/"redisUrl"/);
  });
});

describe('loadServeConfig burst and approval timeout', () => {
  it('reads STRATA_RATE_LIMIT_BURST and STRATA_APPROVAL_TIMEOUT, flags overriding them', () => {
    expect(loadServeConfig({}, {})).not.toHaveProperty('approvalTimeoutSeconds');
    const env = { STRATA_RATE_LIMIT_BURST: '5', STRATA_APPROVAL_TIMEOUT: '90' };
    expect(loadServeConfig({}, env)).toMatchObject({ rateLimitBurst: 5, approvalTimeoutSeconds: 90 });
    expect(loadServeConfig({ rateLimitBurst: 8, approvalTimeoutSeconds: 2.5 }, env)).toMatchObject({
      rateLimitBurst: 8,
      approvalTimeoutSeconds: 2.5,
    });
  });

  it('refuses a burst or timeout that is not positive, naming the key', () => {
    expect(() => loadServeConfig({}, { STRATA_RATE_LIMIT_BURST: '0' })).toThrow(/"rateLimitBurst"/);
    expect(() => loadServeConfig({}, { STRATA_APPROVAL_TIMEOUT: '-1' })).toThrow(/"approvalTimeoutSeconds"/);
    expect(() => loadServeConfig({}, { STRATA_APPROVAL_TIMEOUT: 'soon' })).toThrow(
      /"approvalTimeoutSeconds"/,
    );
  });
});
