import { ValidationError } from '../errors/strata-error.js';
import { isRegistryAlias } from './registry.js';

/**
 * Prefixes of system (cross-region) inference profile IDs. `us-gov.` serves GovCloud; `jp.`, `au.` and `ca.`
 * are the in-country profiles of Claude 4.5-era and Nova models. Listed longest-first so `us-gov.` wins over `us.`.
 */
export const PROFILE_GEOS = ['us-gov', 'global', 'apac', 'us', 'eu', 'jp', 'au', 'ca'] as const;
export type ProfileGeo = (typeof PROFILE_GEOS)[number];

/** The parts every Bedrock ARN has. `region` is '' when the ARN leaves it out (inference profiles may). */
export interface ArnParts {
  arn: string;
  partition: string;
  region: string;
  account: string;
}

/** What a model identifier is, read from its shape alone. */
export type ParsedModelId =
  | { form: 'alias'; alias: string }
  | { form: 'foundation-model'; modelId: string }
  | { form: 'system-profile'; profileId: string; geo: ProfileGeo; modelId: string }
  | ({ form: 'foundation-model-arn'; modelId: string } & ArnParts)
  | ({ form: 'system-profile-arn'; profileId: string; geo: ProfileGeo; modelId: string } & ArnParts)
  | ({ form: 'application-profile-arn'; profileId: string } & ArnParts)
  | ({ form: 'provisioned-model-arn'; resourceId: string } & ArnParts)
  | ({ form: 'custom-model-arn'; baseModelId: string; resourceId: string } & ArnParts)
  | ({ form: 'imported-model-arn'; resourceId: string } & ArnParts);

// The shape of a foundation model ID, from the FoundationModelArn pattern of the Bedrock API model:
// provider.name, up to two more dotted parts, and up to two `:` suffixes (version, context variant).
const MODEL_ID = /^[a-z0-9-]{1,63}\.(?:[a-z0-9-]{1,63}\.){0,2}[a-z0-9-]{1,63}(?::[a-z0-9-]{1,63}){0,2}$/;
const ARN = /^arn:(aws[a-z-]*):bedrock:([a-z0-9-]*):(\d{12})?:([a-z-]+)\/(.+)$/;
const RESOURCE_ID = /^[a-z0-9]{12}$/;

/** Removes the `bedrock:` provider prefix some configurations carry (`bedrock:claude-sonnet-3.5`). */
export function stripBedrockPrefix(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('bedrock:') ? trimmed.slice('bedrock:'.length).trim() : trimmed;
}

/**
 * Reads what kind of identifier `id` is from its shape — no lookups beyond the bundled alias table. Registry
 * aliases win over ID shapes because some aliases contain dots (`claude-3.7-sonnet`). Anything that is neither
 * an alias, an ID nor an ARN comes back as an (unknown) alias for the resolver to reject with suggestions.
 */
export function parseModelIdentifier(id: string): ParsedModelId {
  const value = stripBedrockPrefix(id);
  if (value === '') throw new ValidationError('The model identifier is empty.', { path: 'model' });
  if (value.startsWith('arn:')) return parseArn(value);
  if (isRegistryAlias(value)) return { form: 'alias', alias: value };
  const profile = splitProfileId(value);
  if (profile) return { form: 'system-profile', profileId: value, ...profile };
  if (MODEL_ID.test(value)) return { form: 'foundation-model', modelId: value };
  return { form: 'alias', alias: value };
}

function splitProfileId(value: string): { geo: ProfileGeo; modelId: string } | undefined {
  for (const geo of PROFILE_GEOS) {
    if (!value.startsWith(`${geo}.`)) continue;
    const modelId = value.slice(geo.length + 1);
    return MODEL_ID.test(modelId) ? { geo, modelId } : undefined;
  }
  return undefined;
}

function parseArn(arn: string): ParsedModelId {
  const match = ARN.exec(arn);
  if (!match) throw invalidArn(arn, 'it is not a Bedrock ARN');
  const [, partition = '', region = '', account = '', type = '', resource = ''] = match;
  const parts: ArnParts = { arn, partition, region, account };
  switch (type) {
    case 'foundation-model':
      if (!MODEL_ID.test(resource)) throw invalidArn(arn, `"${resource}" is not a foundation model ID`);
      return { form: 'foundation-model-arn', modelId: resource, ...parts };
    case 'inference-profile': {
      const profile = splitProfileId(resource);
      if (!profile) throw invalidArn(arn, `"${resource}" is not a system inference profile ID`);
      return { form: 'system-profile-arn', profileId: resource, ...profile, ...parts };
    }
    case 'application-inference-profile':
      return { form: 'application-profile-arn', profileId: resource, ...parts };
    case 'provisioned-model':
      if (!RESOURCE_ID.test(resource))
        throw invalidArn(arn, 'a provisioned model ID is 12 letters or digits');
      return { form: 'provisioned-model-arn', resourceId: resource, ...parts };
    case 'imported-model':
      if (!RESOURCE_ID.test(resource)) throw invalidArn(arn, 'an imported model ID is 12 letters or digits');
      return { form: 'imported-model-arn', resourceId: resource, ...parts };
    case 'custom-model':
      return parseCustomModel(arn, resource, parts);
    default:
      throw invalidArn(arn, `Strata cannot invoke "${type}" resources`);
  }
}

// custom-model/{base model ID}/{id} for fine-tuned models; custom-model/imported/{id} for imported ones.
function parseCustomModel(arn: string, resource: string, parts: ArnParts): ParsedModelId {
  const slash = resource.lastIndexOf('/');
  const base = resource.slice(0, slash);
  const resourceId = resource.slice(slash + 1);
  if (slash < 0 || !RESOURCE_ID.test(resourceId))
    throw invalidArn(arn, 'a custom model ARN ends in a 12-character ID');
  if (base === 'imported') return { form: 'imported-model-arn', resourceId, ...parts };
  if (!MODEL_ID.test(base)) throw invalidArn(arn, `"${base}" is not a base model ID`);
  return { form: 'custom-model-arn', baseModelId: base, resourceId, ...parts };
}

function invalidArn(arn: string, reason: string): ValidationError {
  return new ValidationError(
    `"${arn}" is not a model ARN Strata can use: ${reason}. Expected a foundation-model, inference-profile, ` +
      'application-inference-profile, provisioned-model, custom-model or imported-model ARN.',
    { path: 'model' },
  );
}
