import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import {
  ALGORITHM_IDENTIFIER,
  getCanonicalHeaders,
  SignatureV4Base,
  UNSIGNED_PAYLOAD,
} from '@smithy/signature-v4';
import { expiredToken, invalidSignature, signatureMismatch, unrecognizedClient } from './auth-errors.js';
import type { SigningKeyCache } from './signing-key-cache.js';
import { checkClockSkew, parseAmzDate, requestDate } from './signing-time.js';
import { parseSigV4Authorization, type SigV4Authorization } from './sigv4-header.js';
import type { AuthRequest, AuthResult } from './types.js';

/** The signing name of both Bedrock endpoints (runtime and control plane). */
export const SIGNING_SERVICE = 'bedrock';

/**
 * Test hook: a session token with this value is refused as expired, so clients' refresh paths can be
 * exercised. Any other token is accepted.
 */
export const EXPIRED_SESSION_TOKEN = 'expired';

export interface SigV4Policy {
  secrets: ReadonlyMap<string, string>;
  anyCredentials: boolean;
  skewMs: number;
  region?: string;
  signingKeys: SigningKeyCache;
}

/**
 * Smithy's own canonicalisation (path escaping, query and header rules), so the verifier agrees byte for
 * byte with the SDK that signed. The string to sign and the HMAC are computed here with synchronous
 * native hashing and a cached signing key: Smithy's async hash wrappers cost more than the rest combined.
 */
class Canonicalizer extends SignatureV4Base {
  constructor() {
    const credentials = { accessKeyId: '', secretAccessKey: '' };
    super({ service: SIGNING_SERVICE, region: '', credentials, sha256: Hash.bind(null, 'sha256') });
  }

  canonicalRequest(request: HttpRequest, signed: Set<string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, getCanonicalHeaders(request, undefined, signed), payloadHash);
  }
}

const canonicalizer = new Canonicalizer();

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

export function verifySigV4(
  req: AuthRequest,
  authorization: string,
  policy: SigV4Policy,
  now: Date,
): AuthResult {
  const amzDate = requestDate(single(req.headers['x-amz-date']), single(req.headers.date));
  const auth = parseSigV4Authorization(authorization, amzDate !== undefined);
  if (!auth.signedHeaders.includes('host') && !auth.signedHeaders.includes(':authority')) {
    throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const date = amzDate ?? '';
  const signedAt = parseAmzDate(date);
  checkScope(auth, date, policy.region);
  checkClockSkew(date, signedAt, now.getTime(), policy.skewMs);
  const result: AuthResult = {
    kind: 'sigv4',
    accessKeyId: auth.accessKeyId,
    region: auth.scope.region,
    service: auth.scope.service,
  };
  const secret = policy.secrets.get(auth.accessKeyId);
  if (secret === undefined && !policy.anyCredentials) throw unrecognizedClient();
  if (single(req.headers['x-amz-security-token']) === EXPIRED_SESSION_TOKEN) throw expiredToken();
  if (secret === undefined) {
    if (!/^[0-9a-f]{64}$/.test(auth.signature)) throw signatureMismatch();
    return result;
  }
  const scope = `${auth.scope.date}/${auth.scope.region}/${auth.scope.service}/${auth.scope.terminator}`;
  const canonical = canonicalizer.canonicalRequest(
    canonicalRequestOf(req, auth.signedHeaders),
    new Set(auth.signedHeaders),
    payloadHash(req),
  );
  const stringToSign = `${ALGORITHM_IDENTIFIER}\n${date}\n${scope}\n${sha256Hex(canonical)}`;
  const key = policy.signingKeys.get(secret, auth.scope.date, auth.scope.region, auth.scope.service);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const provided = Buffer.from(auth.signature);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) throw signatureMismatch();
  return result;
}

/** Every scope fault at once, in the order and wording of Bedrock's SigV4 layer. */
function checkScope(auth: SigV4Authorization, amzDate: string, region: string | undefined): void {
  const { scope } = auth;
  let message = '';
  if (scope.region === '' || (region !== undefined && scope.region !== region)) {
    message += 'Credential should be scoped to a valid region. ';
  }
  if (scope.service !== SIGNING_SERVICE) {
    message += `Credential should be scoped to correct service: '${SIGNING_SERVICE}'. `;
  }
  if (scope.terminator !== 'aws4_request') {
    message += `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'. `;
  }
  if (scope.date !== amzDate.slice(0, 8)) {
    message += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;
  }
  if (message !== '') throw invalidSignature(message);
}

/**
 * The request as the client signed it: its raw path (Smithy escapes it once more, as the SDK did when it
 * signed an already-encoded label), its decoded query, and only the headers named in `SignedHeaders`.
 * HTTP/2 carries the signed `host` as `:authority`.
 */
function canonicalRequestOf(req: AuthRequest, signedHeaders: readonly string[]): HttpRequest {
  const headers: Record<string, string> = Object.create(null);
  for (const name of signedHeaders) {
    const value = single(req.headers[name] ?? (name === 'host' ? req.headers[':authority'] : undefined));
    if (value !== undefined) headers[name] = value;
  }
  return new HttpRequest({
    method: req.method,
    path: req.rawPath,
    query: parseQuery(req.rawQuery),
    headers,
  });
}

/**
 * The hash of the body actually received, never the client's claim in `x-amz-content-sha256`: a body
 * changed after signing must fail. `UNSIGNED-PAYLOAD` is the one claim taken as is.
 */
function payloadHash(req: AuthRequest): string {
  if (single(req.headers['x-amz-content-sha256']) === UNSIGNED_PAYLOAD) return UNSIGNED_PAYLOAD;
  return sha256Hex(req.body);
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}
