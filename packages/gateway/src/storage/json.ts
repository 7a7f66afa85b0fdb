import type { Dialect } from './schema.js';

/** Moves JSON values in and out of a column: json on PostgreSQL, text on SQLite. */
export interface JsonCodec {
  encode(value: unknown): string;
  decode(raw: unknown): unknown;
}

export function jsonCodec(dialect: Dialect): JsonCodec {
  return {
    // Always text in: `pg` would turn a JS array into a PostgreSQL array literal, not JSON.
    encode: (value) => JSON.stringify(value ?? null),
    // pg parses json itself, and a parsed JSON string must not be parsed a second time.
    decode: dialect === 'postgres' ? (raw) => raw : (raw) => JSON.parse(raw as string),
  };
}
