import { describe, expect, it } from 'vitest';
import { anyAddress, blockedRange, publicAddressesOnly, resolveAllowedAddresses } from './network.js';

describe('blockedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
  ])('refuses %s (%s)', (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('allows public %s', (address) => {
    expect(blockedRange(address)).toBeUndefined();
  });
});

describe('resolveAllowedAddresses', () => {
  it('refuses IP literals and localhost without connecting', async () => {
    await expect(resolveAllowedAddresses('10.0.0.1', publicAddressesOnly)).rejects.toThrow(
      /Refused to fetch from 10\.0\.0\.1: it resolves to 10\.0\.0\.1, a private address/,
    );
    await expect(resolveAllowedAddresses('[::1]', publicAddressesOnly)).rejects.toThrow(/loopback/);
    await expect(resolveAllowedAddresses('localhost', publicAddressesOnly)).rejects.toThrow(
      /Refused to fetch from localhost/,
    );
  });

  it('passes private addresses when allowed', async () => {
    expect(await resolveAllowedAddresses('127.0.0.1', anyAddress)).toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });
});
