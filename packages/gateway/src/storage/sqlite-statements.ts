import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept prepared; queries with `in (…)` lists differ by length, so there is a cap. */
const MAX_STATEMENTS = 200;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements reused. The driver prepares
 * every query afresh, and on the gateway's hot paths (a row per streamed event, a usage row per API call)
 * preparing cost about as much as running. Past the cap the least recently used statement is dropped.
 */
export function reusingStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = database.prepare(sql);
      // Re-inserted last: a Map iterates in insertion order, so the first key is the least recently used.
      statements.set(sql, statement);
      if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      return statement;
    },
    close: () => database.close(),
  };
}
