import { readdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrations.js';
import { openSqlite } from './sqlite.js';
import { sqliteDatabase, type TestDatabase } from './test-support/databases.js';

describe('SQLite checkpoints in a thread of their own', () => {
  let database: TestDatabase;
  beforeEach(() => {
    database = sqliteDatabase();
  });
  afterEach(() => database.dispose());

  it('the gateway connection never checkpoints, and committed pages still reach the database file', async () => {
    const path = (database.target as { path: string }).path;
    const db = await openSqlite(path);
    try {
      await migrate(db, 'sqlite');
      const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
      expect(rows[0]?.wal_autocheckpoint).toBe(0);
      const before = statSync(path).size;
      for (let i = 0; i < 200; i++)
        await db
          .insertInto('settings')
          .values({
            scope: `scope-${i}`,
            value: JSON.stringify({ i, pad: 'x'.repeat(2000) }),
            updated_at: '',
          })
          .execute();
      // Only a checkpoint writes to the main file; the thread runs one every 200 ms.
      for (let waited = 0; statSync(path).size <= before && waited < 15_000; waited += 50) await sleep(50);
      expect(statSync(path).size).toBeGreaterThan(before);
    } finally {
      await db.destroy();
    }
  });

  it('closing waits for the thread: the last connection is gone and the WAL files with it', async () => {
    const path = (database.target as { path: string }).path;
    const db = await openSqlite(path);
    await migrate(db, 'sqlite');
    await db.insertInto('settings').values({ scope: 's', value: '{}', updated_at: '' }).execute();
    await sleep(500); // the thread has opened its connection and checkpointed by now
    await db.destroy();
    // SQLite removes `-wal` and `-shm` when the file's last connection closes; a thread still open keeps them.
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });
});
