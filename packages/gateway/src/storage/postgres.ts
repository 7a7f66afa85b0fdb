import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/**
 * Opens a pool on a PostgreSQL URL. The schema is the URL's search_path (by default `public`); to put
 * Strata in its own schema, add `?options=-c%20search_path%3Dstrata` to the URL.
 */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection the server drops (a restart, a failover) is reported here; without a listener
  // it would crash the process. The pool discards it and the next query connects afresh; readiness
  // shows through `ping()`.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
