import { FOUNDATION_MODELS } from './foundation-models.js';
import { applicationProfile, systemProfiles } from './inference-profiles.js';
import type { Catalog, CatalogConfig, ProfileEntry } from './types.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

/** Allowed in an application profile's id, as Bedrock's InferenceProfileId shape allows. */
const PROFILE_ID = /^[a-zA-Z0-9-:.]{1,64}$/;

/**
 * Builds the catalog of one emulated account and Region, with every lookup map built once. Throws on a
 * configuration that names a model or profile the catalog does not know, so a typo fails at start-up.
 */
export function createCatalog(config: CatalogConfig = {}): Catalog {
  const models = FOUNDATION_MODELS;
  const region = config.region ?? DEFAULT_REGION;
  const accountId = config.accountId ?? DEFAULT_ACCOUNT_ID;
  const modelsById = new Map(models.map((m) => [m.modelId, m]));
  const profiles: ProfileEntry[] = models.flatMap((m) => systemProfiles(m, region, accountId));
  const profilesById = new Map(profiles.map((p) => [p.inferenceProfileId, p]));
  const createdAt = new Date().toISOString();
  for (const app of config.applicationInferenceProfiles ?? []) {
    if (!PROFILE_ID.test(app.id) || profilesById.has(app.id) || modelsById.has(app.id)) {
      throw new Error(
        `Application inference profile id ${JSON.stringify(app.id)} is invalid or already taken.`,
      );
    }
    const profile = applicationProfile(app, { region, accountId, modelsById, profilesById }, createdAt);
    profiles.push(profile);
    profilesById.set(profile.inferenceProfileId, profile);
  }
  const deniedModels = new Set(config.deniedModels ?? []);
  for (const id of deniedModels) {
    if (!modelsById.has(id)) throw new Error(`Denied model ${id} is not a foundation model of the catalog.`);
  }
  return {
    region,
    accountId,
    models,
    profiles,
    modelsById,
    profilesById,
    profilesByArn: new Map(profiles.map((p) => [p.inferenceProfileArn, p])),
    deniedModels,
  };
}
