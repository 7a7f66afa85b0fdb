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
});
