import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTarget } from './target.js';

describe('databaseTarget', () => {
  const dataDir = '/var/lib/strata';

  it('defaults to strata.db in the data directory', () => {
    expect(databaseTarget({ dataDir })).toEqual({ kind: 'sqlite', path: '/var/lib/strata/strata.db' });
    expect(databaseTarget({ database: '  ', dataDir })).toEqual({
      kind: 'sqlite',
      path: '/var/lib/strata/strata.db',
    });
    expect(databaseTarget({ dataDir: 'rel' })).toEqual({ kind: 'sqlite', path: resolve('rel/strata.db') });
  });

  it('takes postgres:// and postgresql:// URLs as PostgreSQL', () => {
    const url = 'postgres://strata:secret@db.internal:5432/strata?sslmode=require';
    expect(databaseTarget({ database: url, dataDir })).toEqual({ kind: 'postgres', url });
    expect(databaseTarget({ database: 'postgresql://localhost/strata', dataDir })).toEqual({
      kind: 'postgres',
      url: 'postgresql://localhost/strata',
    });
    expect(databaseTarget({ database: 'POSTGRES://h/db', dataDir }).kind).toBe('postgres');
  });

  it.each([
    ['sqlite:/tmp/a.db', '/tmp/a.db'],
    ['sqlite:///tmp/a.db', '/tmp/a.db'],
    ['sqlite:a.db', resolve('a.db')],
    ['sqlite::memory:', ':memory:'],
    [':memory:', ':memory:'],
    ['./data/x.db', resolve('data/x.db')],
    ['/srv/x.db', '/srv/x.db'],
    ['~/x.db', join(homedir(), 'x.db')],
  ])('takes %s as the SQLite file %s', (database, path) => {
    expect(databaseTarget({ database, dataDir })).toEqual({ kind: 'sqlite', path });
  });

  it('refuses other URLs, naming the setting and never the credentials', () => {
    expect(() => databaseTarget({ database: 'mysql://root:hunter2@h/db', dataDir })).toThrow(
      /--database \(or DATABASE_URL\).*'mysql:\/\/…'/,
    );
    expect(() => databaseTarget({ database: 'mysql://root:hunter2@h/db', dataDir })).not.toThrow(/hunter2/);
    expect(() => databaseTarget({ database: 'sqlite:', dataDir })).toThrow(/--database/);
  });
});
