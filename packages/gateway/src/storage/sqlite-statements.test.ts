import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reusingStatements } from './sqlite-statements.js';

describe('reused SQLite statements', () => {
  it('prepares a statement once and drops the least recently used past the cap', () => {
    const database = reusingStatements(new BetterSqlite3(':memory:'));
    try {
      const first = database.prepare('select 1 as n');
      expect(database.prepare('select 1 as n')).toBe(first);
      expect(first.all([])).toEqual([{ n: 1 }]);
      for (let i = 0; i < 200; i++) database.prepare(`select ${i + 2} as n`);
      // 200 others were prepared since: the first was dropped and is prepared afresh.
      expect(database.prepare('select 1 as n')).not.toBe(first);
      // Used a moment ago, `select 201` is still kept.
      const recent = database.prepare('select 201 as n');
      expect(database.prepare('select 201 as n')).toBe(recent);
    } finally {
      database.close();
    }
  });
});
