import { missingAuthorization } from './auth-errors.js';
import { ApiKeyRing, verifyBearer } from './bearer.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { type SigV4Policy, verifySigV4 } from './sigv4.js';
import type { AuthConfig, AuthRequest, AuthResult } from './types.js';

/** Bedrock refuses a SigV4 date more than five minutes from its clock. */
const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

interface PreparedAuth {
  sigv4: SigV4Policy;
  apiKeys: ApiKeyRing;
}

/** Lookup maps, key digests and the signing-key cache, built once per configuration object. */
const prepared = new WeakMap<AuthConfig, PreparedAuth>();

function prepare(config: AuthConfig): PreparedAuth {
  let ready = prepared.get(config);
  if (!ready) {
    ready = {
      sigv4: {
        secrets: new Map(config.credentials.map((c) => [c.accessKeyId, c.secretAccessKey])),
        anyCredentials: config.anyCredentials,
        skewMs: config.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
        ...(config.region !== undefined ? { region: config.region } : {}),
        signingKeys: new SigningKeyCache(),
      },
      apiKeys: new ApiKeyRing(config.apiKeys),
    };
    prepared.set(config, ready);
  }
  return ready;
}

/**
 * Authenticates a request as Bedrock does: a Bedrock API key (`Authorization: Bearer …`) or a SigV4
 * signature for service `bedrock`. Throws an EmulatorError with Bedrock's status, type and message.
 * A configuration object is read once: later changes to it are not seen.
 */
export async function authenticate(
  req: AuthRequest,
  config: AuthConfig,
  now = new Date(),
): Promise<AuthResult> {
  const raw = req.headers.authorization;
  const authorization = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!authorization) throw missingAuthorization();
  const ready = prepare(config);
  if (/^bearer(?:\s|$)/i.test(authorization))
    return verifyBearer(authorization.slice(6).trim(), ready.apiKeys);
  return verifySigV4(req, authorization, ready.sigv4, now);
}
