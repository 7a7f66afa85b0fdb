import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../storage/types.js';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A new gateway API key: `sk-strata-` and 32 random bytes, base64url. Shown once; only its hash is kept. */
export function generateKey(): string {
  return `sk-strata-${randomBytes(32).toString('base64url')}`;
}

export interface KeyCheck {
  /** No keys configured at all: the gateway is open (local use). */
  open: boolean;
  /** The key's id when it matched, else undefined. */
  identify(presented: string | undefined): Promise<string | undefined>;
}

/**
 * Keys from flags (`--api-key`) and from the database (`strata keys create`). Flag keys are compared
 * by hash in constant time; stored keys are found by hash, so the key itself is never at rest.
 */
export async function keyCheck(store: Store, flagKeys: string[]): Promise<KeyCheck> {
  const flagHashes = flagKeys.map((key) => Buffer.from(hashKey(key), 'hex'));
  const stored = await store.keys.list();
  const open = flagHashes.length === 0 && stored.every((k) => k.revokedAt !== null);
  return {
    open,
    async identify(presented) {
      if (!presented) return undefined;
      const digest = Buffer.from(hashKey(presented), 'hex');
      for (const flag of flagHashes)
        if (timingSafeEqual(flag, digest)) return `flag:${flag.toString('hex').slice(0, 12)}`;
      return (await store.keys.findByHash(digest.toString('hex')))?.id;
    },
  };
}

/** The key from `Authorization: Bearer …`, `x-api-key` (Anthropic's clients) or `api-key`. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  const key = headers['x-api-key'] ?? headers['api-key'];
  return typeof key === 'string' ? key : undefined;
}
