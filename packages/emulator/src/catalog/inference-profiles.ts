import { applicationProfileArn, foundationModelArn, inferenceProfileArn } from './arns.js';
import type { ApplicationProfileConfig, FoundationModelEntry, ProfileEntry, ProfileGeo } from './types.js';

/** The Regions a geography's system-defined profiles route to, as their `models` list them. */
export const GEO_REGIONS: Record<Exclude<ProfileGeo, 'global'>, readonly string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'],
};

const GEO_LABEL: Record<ProfileGeo, string> = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' };

/** The geography whose profiles a Region may call; undefined for Regions outside the three (all allowed). */
export function geoOfRegion(region: string): ProfileGeo | undefined {
  if (region.startsWith('us-gov-')) return undefined;
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return undefined;
}

/** Whether a request made in `region` may use a profile: system-defined ones only in their geography. */
export function profileUsableFrom(profile: ProfileEntry, region: string): boolean {
  if (profile.geo === undefined || profile.geo === 'global') return true;
  const geo = geoOfRegion(region);
  return geo === undefined || geo === profile.geo;
}

const listRegions = (regions: readonly string[]): string =>
  `${regions.slice(0, -1).join(', ')} and ${regions[regions.length - 1]}`;

/**
 * The system-defined profiles of one model, one per geography, written as ListInferenceProfiles shows
 * them from `region`: e.g. `us.anthropic.claude-3-7-sonnet-20250219-v1:0`, "US Anthropic Claude 3.7
 * Sonnet", "Routes requests to Anthropic Claude 3.7 Sonnet in us-east-1, us-east-2 and us-west-2.".
 * A global profile lists the Region-less model ARN and the source Region's, as Bedrock does.
 */
export function systemProfiles(
  model: FoundationModelEntry,
  region: string,
  accountId: string,
): ProfileEntry[] {
  const title = `${model.providerName} ${model.modelName}`;
  const createdAt = `${model.released}T00:00:00Z`;
  return model.profileGeos.map((geo) => {
    const inferenceProfileId = `${geo}.${model.modelId}`;
    const regions = geo === 'global' ? ['', region] : GEO_REGIONS[geo];
    return {
      inferenceProfileId,
      inferenceProfileName: `${GEO_LABEL[geo]} ${title}`,
      inferenceProfileArn: inferenceProfileArn(region, accountId, inferenceProfileId),
      description:
        geo === 'global'
          ? `Routes requests to ${title} globally across all supported AWS Regions.`
          : `Routes requests to ${title} in ${listRegions(regions)}.`,
      models: regions.map((r) => ({ modelArn: foundationModelArn(r, model.modelId) })),
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
      createdAt,
      updatedAt: createdAt,
      modelId: model.modelId,
      geo,
    };
  });
}

export interface ProfileSources {
  region: string;
  accountId: string;
  modelsById: ReadonlyMap<string, FoundationModelEntry>;
  profilesById: ReadonlyMap<string, ProfileEntry>;
}

/**
 * An application profile copying a foundation model (one model ARN, in the catalog's Region) or a
 * system-defined profile (that profile's model ARNs). Throws on a source the catalog does not know.
 */
export function applicationProfile(
  config: ApplicationProfileConfig,
  from: ProfileSources,
  at: string,
): ProfileEntry {
  const source = from.profilesById.get(config.modelId);
  const model = from.modelsById.get(source?.modelId ?? config.modelId);
  if (!model || source?.type === 'APPLICATION') {
    throw new Error(
      `Application inference profile ${config.id}: ${config.modelId} is neither a foundation model nor a system-defined inference profile.`,
    );
  }
  return {
    inferenceProfileId: config.id,
    inferenceProfileName: config.name,
    inferenceProfileArn: applicationProfileArn(from.region, from.accountId, config.id),
    models: source ? source.models : [{ modelArn: foundationModelArn(from.region, model.modelId) }],
    status: 'ACTIVE',
    type: 'APPLICATION',
    createdAt: at,
    updatedAt: at,
    modelId: model.modelId,
    ...(config.tags ? { tags: config.tags } : {}),
  };
}
