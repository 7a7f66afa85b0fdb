import { randomFillSync } from 'node:crypto';

const ID_BYTES = 18;
/** Random bytes drawn for 256 ids at a time: a draw per id was a visible cost per request. */
const pool = Buffer.alloc(ID_BYTES * 256);
let used = pool.length;

/** An opaque, URL-safe id in the style the dialects use (`chatcmpl-…`, `msg_…`); every byte is used once. */
export function randomId(prefix: string): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + ID_BYTES);
  used += ID_BYTES;
  return `${prefix}${id}`;
}

/** Seconds since the epoch: OpenAI's `created`. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
