import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import type { Database } from './schema.js';
import { checkpointInBackground } from './sqlite-checkpoints.js';
import { reusingStatements } from './sqlite-statements.js';

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
const WAL_ATTEMPTS = 20;

/**
 * Opens a SQLite file (creating its directory) in WAL mode.
 *
 * `synchronous = NORMAL`: in WAL mode a commit is written to the WAL file before it returns, and only
 * the fsync is left to checkpoints, so a killed process (kill -9, a crash) loses nothing committed;
 * a power cut or OS crash can lose the last commits but never corrupts the file. FULL would fsync every
 * commit, and the gateway commits once per streamed event.
 */
export async function openSqlite(path: string): Promise<Kysely<Database>> {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    await enableWal(database);
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const stopCheckpoints = file === ':memory:' ? undefined : checkpointInBackground(database, file);
  const reusing = reusingStatements(database);
  const closing: SqliteDatabase = {
    prepare: (sql) => reusing.prepare(sql),
    close: () => reusing.close(),
  };
  const dialect = new StrataSqliteDialect(closing, processLock(file), stopCheckpoints);
  return new Kysely<Database>({ dialect });
}

/**
 * Switching a new file to WAL takes an exclusive lock, and SQLite refuses it at once, without waiting,
 * when another process opening the same new file holds a shared lock in that instant. Once one process
 * has switched, the others find WAL already set, so a short retry settles it.
 */
async function enableWal(database: BetterSqlite3.Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || attempt === WAL_ATTEMPTS) throw error;
      await sleep(5 * attempt);
    }
  }
}

/**
 * Kysely's SQLite dialect with three changes:
 * - transactions start with `BEGIN IMMEDIATE`, taking the write lock up front (waiting up to
 *   busy_timeout for it). A plain `BEGIN` takes it at the first write, and a transaction that read
 *   first then fails at once with SQLITE_BUSY when another process wrote in between;
 * - migrations run in such a transaction (SQLite DDL is transactional; Kysely's adapter says it is
 *   not), which is what serializes two processes migrating one file;
 * - stores on one file in one process take turns (see `processLock`);
 * - prepared statements are reused (see `sqlite-statements.ts`), and checkpoints run in a thread of their
 *   own (see `sqlite-checkpoints.ts`); both are set up by `openSqlite`.
 */
class StrataSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  readonly #lock: Mutex;
  readonly #afterClose: (() => Promise<void>) | undefined;

  constructor(database: SqliteDatabase, lock: Mutex, afterClose: (() => Promise<void>) | undefined) {
    super({ database });
    this.#database = database;
    this.#lock = lock;
    this.#afterClose = afterClose;
  }

  override createDriver(): Driver {
    return new StrataSqliteDriver(this.#database, this.#lock, this.#afterClose);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

class StrataSqliteDriver extends SqliteDriver {
  readonly #lock: Mutex;
  readonly #afterClose: (() => Promise<void>) | undefined;
  #release: (() => void) | undefined;

  constructor(database: SqliteDatabase, lock: Mutex, afterClose: (() => Promise<void>) | undefined) {
    super({ database });
    this.#lock = lock;
    this.#afterClose = afterClose;
  }

  /** Closing resolves only once every connection to the file is closed, checkpoint thread included. */
  override async destroy(): Promise<void> {
    await super.destroy();
    await this.#afterClose?.();
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#lock.lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#release?.();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** A FIFO lock; `lock()` resolves to the function that releases it. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    await previous;
    return release;
  }
}

/**
 * better-sqlite3 waits for a busy lock by blocking the thread. Two connections to one file in one
 * process could then deadlock until busy_timeout: one holds the write lock across an `await`, the other
 * blocks the event loop that would let the first commit. So connections to one file in this process
 * share a lock, held from acquiring the connection to releasing it. One small entry per file ever opened.
 */
const fileLocks = new Map<string, Mutex>();

function processLock(file: string): Mutex {
  if (file === ':memory:') return new Mutex();
  let lock = fileLocks.get(file);
  if (!lock) {
    lock = new Mutex();
    fileLocks.set(file, lock);
  }
  return lock;
}
