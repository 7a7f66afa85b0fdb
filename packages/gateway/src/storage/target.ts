import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the store lives: a SQLite file (the default) or a PostgreSQL database. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const SETTING = '--database (or DATABASE_URL)';

/**
 * Reads the `--database` / `DATABASE_URL` setting: a `postgres://` or `postgresql://` URL selects
 * PostgreSQL; `sqlite:<path>`, a file path or `:memory:` selects SQLite; nothing selects
 * `<dataDir>/strata.db`. Any other URL is refused rather than mistaken for a file name.
 */
export function databaseTarget(options: { database?: string; dataDir: string }): DatabaseTarget {
  const value = options.database?.trim();
  if (!value) return { kind: 'sqlite', path: resolve(options.dataDir, 'strata.db') };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  if (/^sqlite:/i.test(value)) {
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error(`${SETTING}: 'sqlite:' needs a file path, as in sqlite:/var/lib/strata.db`);
    return { kind: 'sqlite', path: sqlitePath(path) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme) {
    // Only the scheme is quoted: the rest of a URL may hold a password.
    throw new Error(
      `${SETTING}: unsupported database '${scheme}://…'; use postgres://…, postgresql://…, sqlite:<path> or a file path`,
    );
  }
  return { kind: 'sqlite', path: sqlitePath(value) };
}

function sqlitePath(path: string): string {
  if (path === ':memory:') return path;
  // DATABASE_URL does not go through a shell, so `~` is expanded here.
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return resolve(path);
}
