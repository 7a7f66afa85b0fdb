import type { Resolved, Settings } from './settings.js';

/** Region, profile and endpoint for createBedrock, each with where it came from. */
export interface AwsSettings {
  region: Resolved<string>;
  profile: Resolved<string>;
  endpoint: Resolved<string>;
  /** The options to pass: only values the library would not read from the AWS_* variables itself. */
  options: { region?: string; profile?: string; endpoint?: string };
}

/**
 * A value read from AWS_REGION, AWS_PROFILE or AWS_ENDPOINT_URL* is left to the library, which reads those
 * variables itself: it then reports the variable as the source, and AWS_ENDPOINT_URL_BEDROCK_RUNTIME keeps
 * applying to the runtime only, where an `endpoint` option would move the control plane too.
 */
export function awsSettings(settings: Settings, flags: { region?: string } = {}): AwsSettings {
  const region = settings.resolve('region', flags.region);
  const profile = settings.resolve('profile');
  const endpoint = settings.resolve('endpoint');
  const own = (r: Resolved<string>) => r.value !== undefined && !r.variable?.startsWith('AWS_');
  return {
    region,
    profile,
    endpoint,
    options: {
      ...(own(region) ? { region: region.value } : {}),
      ...(own(profile) ? { profile: profile.value } : {}),
      ...(own(endpoint) ? { endpoint: endpoint.value } : {}),
    },
  };
}
