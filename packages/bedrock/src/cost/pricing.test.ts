import { describe, expect, it } from 'vitest';
import { effectivePrice, round9 } from './pricing.js';

const SONNET_45 = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

describe('effectivePrice', () => {
  it('charges the base in us-east-1, in-region and through global profiles', () => {
    expect(effectivePrice(SONNET_45, { region: 'us-east-1', geoProfilePremium: 1.1 })).toEqual(SONNET_45);
    expect(
      effectivePrice(SONNET_45, { region: 'eu-west-1', profileGeo: 'global', geoProfilePremium: 1.1 }),
    ).toEqual(SONNET_45);
  });

  it("adds the model's premium for geographic profiles, cache rates included", () => {
    for (const profileGeo of ['us', 'eu', 'apac', 'jp', 'au'] as const) {
      const price = effectivePrice(SONNET_45, { region: 'us-east-1', profileGeo, geoProfilePremium: 1.1 });
      expect(price).toEqual({ input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite: 4.125 });
    }
    expect(effectivePrice(SONNET_45, { region: 'us-east-1', profileGeo: 'us' })).toEqual(SONNET_45);
  });

  it('charges GovCloud west 1.2×, without the geographic premium on us-gov. profiles', () => {
    const price = effectivePrice(SONNET_45, {
      region: 'us-gov-west-1',
      profileGeo: 'us-gov',
      geoProfilePremium: 1.1,
    });
    expect(price).toEqual({ input: 3.6, output: 18, cacheRead: 0.36, cacheWrite: 4.5 });
    expect(effectivePrice({ input: 0.8, output: 3.2 }, { region: 'us-gov-west-1' })).toEqual({
      input: 0.96,
      output: 3.84,
    });
  });

  it('returns a copy, never the registry object', () => {
    const price = effectivePrice(SONNET_45, { region: 'us-east-1' });
    expect(price).not.toBe(SONNET_45);
  });
});

describe('round9', () => {
  it('strips float noise at the ninth decimal', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(round9(0.1 * 3)).toBe(0.3);
    expect(round9(1.0000000004)).toBe(1);
  });
});
