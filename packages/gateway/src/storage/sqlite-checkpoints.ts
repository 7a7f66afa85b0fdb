import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** How often the background thread copies committed WAL pages into the database file. */
const INTERVAL_MS = 200;
/** SQLite's own default, restored should the thread fail. */
const AUTO_CHECKPOINT_PAGES = 1000;

// Plain CommonJS evaluated in the thread, so it runs the same from the sources (tests) and from dist.
// PASSIVE never waits for a lock, and so never holds up the gateway's own connection.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite checkpoints inside the commit that fills the WAL past
 * 1000 pages — every few hundred gateway writes — and a checkpoint fsyncs, so with better-sqlite3's
 * synchronous calls every request and stream of the process stalled for it (10–60 ms measured). Here the
 * gateway's connection never checkpoints and a thread with its own connection does, every 200 ms.
 * Durability is unchanged: a commit is in the WAL when it returns either way. Returns what stops the thread,
 * resolving once its connection is closed: until then it may still write the `-wal` and `-shm` files.
 */
export function checkpointInBackground(database: BetterSqlite3.Database, file: string): () => Promise<void> {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: INTERVAL_MS,
    },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  database.pragma('wal_autocheckpoint = 0');
  worker.once('error', () => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  });
  return () => {
    worker.ref(); // an unref'd thread would let the process exit with the close still pending
    worker.postMessage('stop');
    return exited;
  };
}
