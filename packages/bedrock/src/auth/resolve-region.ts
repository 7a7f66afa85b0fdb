import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AuthDescription } from './types.js';

export interface ResolvedRegion {
  region: string;
  source: AuthDescription['regionSource'];
}

/**
 * Region precedence (DESIGN.md): explicit option → AWS_REGION → AWS_DEFAULT_REGION → the profile's
 * `region` in the shared config → us-east-1. A region inside a model ARN overrides this per request.
 */
export async function resolveRegion(
  option: string | undefined,
  profile: string | undefined,
  env = process.env,
): Promise<ResolvedRegion> {
  if (option) return { region: option, source: 'option' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'env:AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'env:AWS_DEFAULT_REGION' };
  const name = profile ?? env.AWS_PROFILE ?? 'default';
  try {
    const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
    const region = configFile[name]?.region;
    if (region) return { region, source: 'profile' };
  } catch {
    // No readable shared config: fall through to the default, as the AWS SDK does.
  }
  return { region: 'us-east-1', source: 'default' };
}
