import { AuthenticationError } from '../errors/strata-error.js';
import type { AuthDescription, AwsCredentials, CredentialProvider } from './types.js';
import { maskKeyId } from './types.js';

export interface AuthOptions {
  apiKey?: string;
  credentials?: AwsCredentials | CredentialProvider;
  profile?: string;
}

export type AuthSource =
  | { method: 'bearer'; source: AuthDescription['source']; token: string }
  | {
      method: 'sigv4';
      source: AuthDescription['source'];
      profile?: string;
      credentials: RefreshingCredentials;
    };

/** Credentials this close to expiry are refreshed before a request, not after it fails. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Wraps a provider: caches its credentials, refreshes them ahead of expiry, shares one refresh among
 * concurrent callers, and turns provider failures (expired SSO above all) into AuthenticationError.
 */
export class RefreshingCredentials {
  private current?: AwsCredentials;
  private pending?: Promise<AwsCredentials>;

  constructor(
    private readonly provider: CredentialProvider,
    private readonly profile?: string,
  ) {}

  get expiration(): Date | undefined {
    return this.current?.expiration;
  }

  get accessKeyId(): string | undefined {
    return this.current?.accessKeyId;
  }

  async get(now = Date.now()): Promise<AwsCredentials> {
    const current = this.current;
    if (current && (!current.expiration || current.expiration.getTime() - now > REFRESH_MARGIN_MS))
      return current;
    this.pending ??= this.provider()
      .then((credentials) => {
        this.current = credentials;
        return credentials;
      })
      .catch((error: unknown) => {
        throw credentialError(error, this.profile);
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}

function credentialError(error: unknown, profile: string | undefined): AuthenticationError {
  const message = error instanceof Error ? error.message : String(error);
  const name = profile ?? process.env.AWS_PROFILE;
  if (/sso/i.test(message) && /(expired|invalid|refresh)/i.test(message)) {
    return new AuthenticationError(
      `The AWS SSO session has expired. Run: aws sso login${name ? ` --profile ${name}` : ''}`,
      { cause: error },
    );
  }
  return new AuthenticationError(
    `No usable AWS credentials${name ? ` for profile "${name}"` : ''}: ${message}. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK), or run on an instance/container role. Without AWS, use the emulator: strata emulator.`,
    { cause: error },
  );
}

/**
 * Picks the credential source, in a fixed, documented order: the `apiKey` option, the `credentials`
 * option, the `profile` option, AWS_BEARER_TOKEN_BEDROCK, then the AWS SDK's default chain (env, SSO,
 * ini profile, process, web identity, ECS, IMDS), loaded lazily so a bearer key user never pays for it.
 */
export function chooseAuthSource(options: AuthOptions, env = process.env): AuthSource {
  if (options.apiKey) return { method: 'bearer', source: 'option:apiKey', token: options.apiKey };
  if (options.credentials) {
    const given = options.credentials;
    const provider: CredentialProvider = typeof given === 'function' ? given : async () => given;
    return {
      method: 'sigv4',
      source: 'option:credentials',
      credentials: new RefreshingCredentials(provider),
    };
  }
  if (options.profile) {
    const profile = options.profile;
    const provider: CredentialProvider = async () => {
      const { fromIni } = await import('@aws-sdk/credential-providers');
      return fromIni({ profile, ignoreCache: true })();
    };
    return {
      method: 'sigv4',
      source: 'option:profile',
      profile,
      credentials: new RefreshingCredentials(provider, profile),
    };
  }
  if (env.AWS_BEARER_TOKEN_BEDROCK)
    return { method: 'bearer', source: 'env:AWS_BEARER_TOKEN_BEDROCK', token: env.AWS_BEARER_TOKEN_BEDROCK };
  const provider: CredentialProvider = async () => {
    const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
    return fromNodeProviderChain({ ignoreCache: true })();
  };
  const profile = env.AWS_PROFILE;
  return {
    method: 'sigv4',
    source: 'default-chain',
    ...(profile ? { profile } : {}),
    credentials: new RefreshingCredentials(provider, profile),
  };
}

export function describeSource(
  source: AuthSource,
  region: Pick<AuthDescription, 'region' | 'regionSource'>,
): AuthDescription {
  if (source.method === 'bearer') return { method: 'bearer', source: source.source, ...region };
  const keyId = source.credentials.accessKeyId;
  const expiration = source.credentials.expiration;
  return {
    method: 'sigv4',
    source: source.source,
    ...(source.profile ? { profile: source.profile } : {}),
    ...(keyId ? { accessKeyId: maskKeyId(keyId) } : {}),
    ...(expiration ? { expiration } : {}),
    ...region,
  };
}
