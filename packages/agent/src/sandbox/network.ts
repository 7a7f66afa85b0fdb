import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ToolError } from '../tools/tool.js';

/**
 * The ipaddr.js range an address is in when a fetch must not reach it, or undefined when it may.
 * Only plain public unicast passes: loopback, private, link-local (cloud metadata at 169.254.169.254),
 * unique-local, multicast, unspecified, carrier-grade NAT, reserved and the IPv6 transition ranges
 * that embed an IPv4 address are all refused. IPv4-mapped IPv6 is judged as the IPv4 it carries.
 */
export function blockedRange(address: string): string | undefined {
  let range: string;
  try {
    range = ipaddr.process(address).range();
  } catch {
    return 'unparseable';
  }
  return range === 'unicast' ? undefined : range;
}

/** Why an address may not be dialled, or undefined when it may. */
export type AddressPolicy = (address: string) => string | undefined;

/** The default policy: public unicast addresses only. */
export const publicAddressesOnly: AddressPolicy = (address) => {
  const range = blockedRange(address);
  return range && `a ${range} address`;
};

/** The policy for `allowPrivateNetwork`: any address. */
export const anyAddress: AddressPolicy = () => undefined;

/**
 * Every address `hostname` resolves to (an IP literal is its own address), refusing the lot when the
 * policy refuses any one of them. Checking all of them matters: a name with one public and one
 * private address could otherwise be dialled on the private one.
 */
export async function resolveAllowedAddresses(
  hostname: string,
  policy: AddressPolicy,
): Promise<LookupAddress[]> {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  let addresses: LookupAddress[];
  const family = isIP(host);
  if (family !== 0) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new ToolError(`Cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? error}.`);
    }
  }
  for (const { address } of addresses) {
    const refusal = policy(address);
    if (refusal) {
      throw new ToolError(
        `Refused to fetch from ${host}: it resolves to ${address}, ${refusal}. Only public internet addresses may be fetched.`,
      );
    }
  }
  return addresses;
}
