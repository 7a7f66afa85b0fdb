import { OnDemandNotSupportedError } from '../errors/strata-error.js';
import type { Geo, RegistryModel } from './model-info.js';
import type { ProfileGeo } from './parse-model-id.js';

/**
 * The geographic profile family whose source regions include `region`: US commercial regions → `us.`, Europe →
 * `eu.`, Asia Pacific → `apac.`. GovCloud (`us-gov-*`) is not `us.`; other regions have no geographic family.
 */
export function geoForRegion(region: string): Exclude<Geo, 'global'> | undefined {
  if (/^us-(?:east|west)-\d+$/.test(region)) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return undefined;
}

// Global profiles route to commercial regions only: not from GovCloud, China or the isolated partitions.
function servesGlobal(region: string): boolean {
  return !/^(?:us-gov-|us-iso|cn-)/.test(region);
}

/**
 * The system profile to call a profile-only model through from `region`: its geographic profile if it has one
 * there, else its global profile. Throws OnDemandNotSupportedError naming the profiles that exist otherwise.
 */
export function routeProfileOnly(model: RegistryModel, region: string): { profileId: string; geo: Geo } {
  const regional = geoForRegion(region);
  const geo: Geo | undefined =
    regional && model.profileGeos.includes(regional)
      ? regional
      : model.profileGeos.includes('global') && servesGlobal(region)
        ? 'global'
        : undefined;
  if (geo) return { profileId: `${geo}.${model.id}`, geo };
  const existing = model.profileGeos.map((g) => `${g}.${model.id}`).join(', ');
  throw new OnDemandNotSupportedError(
    `${model.name} (${model.id}) is served only through inference profiles, and none of them takes calls ` +
      `from ${region}. Its profiles are ${existing}: call from a region in their geography, or pass a ` +
      'profile ID or ARN explicitly.',
    { modelId: model.id },
  );
}

/**
 * Which kind of system profile a set of destination regions looks like: none for a single region, the shared
 * geography when all are in one (`us`, `eu`, `apac`, `us-gov`), else `global`. Used for application profiles
 * copied from a system profile, whose GetInferenceProfile answer lists one model ARN per destination region.
 */
export function scopeOfRegions(regions: readonly string[]): ProfileGeo | undefined {
  const distinct = [...new Set(regions)];
  if (distinct.length <= 1) return undefined;
  if (distinct.every((region) => region.startsWith('us-gov-'))) return 'us-gov';
  const geos = new Set(distinct.map(geoForRegion));
  const [only] = geos;
  return geos.size === 1 && only ? only : 'global';
}
