import type { Kysely } from 'kysely';
import type { JsonCodec } from './json.js';
import type { Database, Dialect } from './schema.js';

/** What every repository is built from. */
export interface StoreContext {
  db: Kysely<Database>;
  dialect: Dialect;
  json: JsonCodec;
}

/** Timestamps come from the gateway's clock so both databases store the same ISO-8601 form. */
export const now = (): string => new Date().toISOString();

/** Normalizes a caller's timestamp so text comparison against stored ones is correct. */
export function isoTimestamp(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`not a timestamp: '${value}'`);
  return new Date(time).toISOString();
}
