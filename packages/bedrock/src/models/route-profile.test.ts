import { describe, expect, it } from 'vitest';
import { OnDemandNotSupportedError } from '../errors/strata-error.js';
import { findRegistryAlias } from './registry.js';
import { geoForRegion, routeProfileOnly, scopeOfRegions } from './route-profile.js';

describe('geoForRegion', () => {
  it('maps commercial regions to their geographic profile family', () => {
    expect(geoForRegion('us-east-1')).toBe('us');
    expect(geoForRegion('us-west-2')).toBe('us');
    expect(geoForRegion('eu-west-3')).toBe('eu');
    expect(geoForRegion('ap-southeast-2')).toBe('apac');
    expect(geoForRegion('us-gov-west-1')).toBeUndefined();
    expect(geoForRegion('ca-central-1')).toBeUndefined();
  });
});

describe('routeProfileOnly', () => {
  const sonnet4 = findRegistryAlias('claude-sonnet-4');
  const opus3 = findRegistryAlias('claude-3-opus');
  if (!sonnet4 || !opus3) throw new Error('registry models missing');

  it('prefers the regional profile, then the global one', () => {
    expect(routeProfileOnly(sonnet4, 'ap-south-1').profileId).toBe(`apac.${sonnet4.id}`);
    expect(routeProfileOnly(sonnet4, 'me-central-1').profileId).toBe(`global.${sonnet4.id}`);
  });

  it('throws with every existing profile when none fits', () => {
    expect(() => routeProfileOnly(opus3, 'ap-northeast-1')).toThrow(OnDemandNotSupportedError);
    expect(() => routeProfileOnly(opus3, 'ap-northeast-1')).toThrow(`us.${opus3.id}`);
  });
});

describe('scopeOfRegions', () => {
  it('tells single-region, geographic and global spreads apart', () => {
    expect(scopeOfRegions(['us-east-1'])).toBeUndefined();
    expect(scopeOfRegions(['us-east-1', 'us-east-1'])).toBeUndefined();
    expect(scopeOfRegions(['eu-west-1', 'eu-central-1', 'eu-west-3'])).toBe('eu');
    expect(scopeOfRegions(['us-gov-west-1', 'us-gov-east-1'])).toBe('us-gov');
    expect(scopeOfRegions(['us-east-1', 'eu-west-1', 'ap-northeast-1'])).toBe('global');
  });
});
