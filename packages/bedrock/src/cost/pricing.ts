import type { Price } from '../models/model-info.js';
import type { ProfileGeo } from '../models/parse-model-id.js';

/**
 * Multipliers on the us-east-1 price for regions where Bedrock bills every model alike.
 *
 * us-gov-west-1: Portkey's mirror of the AWS price list (Portkey-AI/models, pricing/bedrock.json) prices the
 * `us-gov.` Claude Sonnet 4.5 profile at $3.60/$18 and Nova Pro in us-gov-west-1 at $0.96/$3.84, both 1.2× the
 * commercial price. us-gov-east-1 is left at the base: the same source bills Nova Pro there at the US rate.
 *
 * Commercial regions outside the US are left at the base on purpose: the price list prices them per model
 * (eu-west-1 is +7% for Mistral 7B and +15% for Nova Pro; eu-central-1 +31% for Nova Pro), so no single
 * multiplier is true and the us-east-1 price is the documented approximation.
 */
export const REGION_PRICE_MULTIPLIERS: Readonly<Record<string, number>> = {
  'us-gov-west-1': 1.2,
};

export interface PriceRoute {
  /** The region the call is made from (the source region of a profile): it decides the bill. */
  region: string;
  /** The system profile used, if any. */
  profileGeo?: ProfileGeo;
  /** The model's premium for geographic profiles (RegistryModel.geoProfilePremium). */
  geoProfilePremium?: number;
}

/**
 * The price one call pays: the us-east-1 base, times the region's multiplier, times the model's premium when a
 * geographic profile serves it. Global profiles pay the base (AWS: global is ~10% cheaper than geographic for
 * Claude 4.5-era models, whose base price is the global one). `us-gov.` profiles pay the GovCloud region rate
 * only: Portkey's us-gov Claude prices show no geographic premium on top of it.
 */
export function effectivePrice(base: Price, route: PriceRoute): Price {
  const geographic =
    route.profileGeo !== undefined && route.profileGeo !== 'global' && route.profileGeo !== 'us-gov';
  const factor =
    (REGION_PRICE_MULTIPLIERS[route.region] ?? 1) * (geographic ? (route.geoProfilePremium ?? 1) : 1);
  if (factor === 1) return { ...base };
  const scale = (rate: number): number => round9(rate * factor);
  return {
    input: scale(base.input),
    output: scale(base.output),
    ...(base.cacheRead !== undefined ? { cacheRead: scale(base.cacheRead) } : {}),
    ...(base.cacheWrite !== undefined ? { cacheWrite: scale(base.cacheWrite) } : {}),
  };
}

/** Rounds to a billionth: enough for any token bill, and it strips binary-float noise (0.1 × 3 = 0.3). */
export function round9(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
