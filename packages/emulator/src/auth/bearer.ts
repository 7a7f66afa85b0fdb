import { createHash, timingSafeEqual } from 'node:crypto';
import { malformedApiKey, rejectedApiKey } from './auth-errors.js';
import type { AuthResult } from './types.js';

/** Long-term Bedrock API keys begin `ABSK`, short-term ones `bedrock-api-key-`. */
const PREFIX = /^(?:ABSK|bedrock-api-key-)/;
/** What follows the prefix: base64 (long-term) or a URL-safe token (short-term). */
const WELL_FORMED = /^(?:ABSK|bedrock-api-key-)[A-Za-z0-9+/=_.&%-]+$/;

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** The accepted API keys, kept as digests and compared in constant time. */
export class ApiKeyRing {
  readonly #digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.#digests = keys.map(digest);
  }

  accepts(key: string): boolean {
    if (!WELL_FORMED.test(key)) return false;
    if (this.#digests.length === 0) return true;
    const candidate = digest(key);
    let found = false;
    // Every digest is compared, so the time taken does not tell which key came closest.
    for (const known of this.#digests) found = timingSafeEqual(known, candidate) || found;
    return found;
  }
}

/** Checks `Authorization: Bearer <key>` as Bedrock does; no message ever contains the key. */
export function verifyBearer(key: string, ring: ApiKeyRing): AuthResult {
  if (!PREFIX.test(key)) throw malformedApiKey();
  if (!ring.accepts(key)) throw rejectedApiKey();
  return { kind: 'bearer' };
}
