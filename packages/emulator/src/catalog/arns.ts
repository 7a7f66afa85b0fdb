/** Bedrock resource names: how the catalog writes them and how model identifiers are read. */

export const foundationModelArn = (region: string, modelId: string): string =>
  `arn:aws:bedrock:${region}::foundation-model/${modelId}`;

export const inferenceProfileArn = (region: string, accountId: string, profileId: string): string =>
  `arn:aws:bedrock:${region}:${accountId}:inference-profile/${profileId}`;

export const applicationProfileArn = (region: string, accountId: string, profileId: string): string =>
  `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/${profileId}`;

export interface BedrockArn {
  region: string;
  /** Empty for foundation models, which belong to no account. */
  accountId: string;
  /** `foundation-model`, `inference-profile`, `application-inference-profile`, `provisioned-model`, … */
  resourceType: string;
  resourceId: string;
}

const ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]{0,20}):(\d{12})?:([a-z-]+)\/(.+)$/;

/** The parts of a Bedrock ARN in any partition, or undefined when it is not one. */
export function parseBedrockArn(arn: string): BedrockArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  return { region: m[1]!, accountId: m[2] ?? '', resourceType: m[3]!, resourceId: m[4]! };
}

/**
 * A well-formed bare model or system-profile id: `provider.model[:version]`, with up to two more dotted
 * parts for a geography prefix (`us.anthropic.claude-…`).
 */
export const MODEL_ID = /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,3}(?::[a-z0-9-]{1,63}){0,2}$/;
