/** AWS credentials for SigV4. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/** Which credential source won and where the region came from — never a secret. */
export interface AuthDescription {
  method: 'sigv4' | 'bearer';
  source:
    | 'option:apiKey'
    | 'option:credentials'
    | 'option:profile'
    | 'env:AWS_BEARER_TOKEN_BEDROCK'
    | 'default-chain';
  /** The profile named by the option or AWS_PROFILE, when one applies. */
  profile?: string;
  /** The access key id with all but its last four characters masked. */
  accessKeyId?: string;
  /** When the current credentials expire, if they do and have been loaded. */
  expiration?: Date;
  region: string;
  regionSource: 'option' | 'env:AWS_REGION' | 'env:AWS_DEFAULT_REGION' | 'profile' | 'default';
}

export const maskKeyId = (id: string): string =>
  id.length <= 4 ? '****' : `${'*'.repeat(Math.min(16, id.length - 4))}${id.slice(-4)}`;
