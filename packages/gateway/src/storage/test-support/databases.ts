import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../target.js';

/** A database made for one test, queried directly to check what the store wrote, then thrown away. */
export interface TestDatabase {
  target: DatabaseTarget;
  query<Row>(text: string): Promise<Row[]>;
  dispose(): Promise<void>;
}

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/** SQLite always; PostgreSQL when STRATA_TEST_DATABASE_URL names a server this run may create schemas on. */
export function testDialects(): TestDialect[] {
  const url = process.env.STRATA_TEST_DATABASE_URL;
  const dialects: TestDialect[] = [{ name: 'sqlite', create: async () => sqliteDatabase() }];
  if (url) dialects.push({ name: 'postgres', create: () => postgresDatabase(url) });
  return dialects;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'strata-store-'));
  const path = join(dir, 'strata.db');
  return {
    target: { kind: 'sqlite', path },
    async query<Row>(text: string) {
      const db = new BetterSqlite3(path, { readonly: true });
      try {
        return db.prepare(text).all() as Row[];
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema, made the store's by the URL's search_path, so concurrent runs share a server safely. */
async function postgresDatabase(url: string): Promise<TestDatabase> {
  const schema = `strata_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const withClient = async <T>(use: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: scoped.href });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  };
  return {
    target: { kind: 'postgres', url: scoped.href },
    query: <Row>(text: string) => withClient(async (client) => (await client.query(text)).rows as Row[]),
    dispose: () => withClient(async (client) => void (await client.query(`drop schema ${schema} cascade`))),
  };
}
