import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_TABLE } from './migrations.js';
import { openStore } from './open-store.js';
import { sqliteDatabase, type TestDatabase } from './test-support/databases.js';

// SQLite across processes: what the in-process suite cannot show, because there one process's stores
// on a file already take turns.
const CHILD = fileURLToPath(new URL('./test-support/store-child.ts', import.meta.url));
const HOOKS = new URL('./test-support/ts-hooks.mjs', import.meta.url).href;
const REGISTER = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`,
)}`;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function child(args: string[]) {
  const proc = spawn(process.execPath, ['--import', REGISTER, CHILD, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const ready = new Promise<void>((resolve) => {
    proc.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolve();
    });
  });
  proc.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(proc, 'exit').then(([code, signal]): ChildResult => ({ code, signal, stdout, stderr }));
  return { ready, go: () => proc.stdin.write('go\n'), exited };
}

/** Starts two children, lets them past their `ready` barrier together, and waits for both to exit. */
async function together(args: string[]): Promise<ChildResult[]> {
  const children = [child(args), child(args)];
  const failedEarly = (c: (typeof children)[number]) =>
    c.exited.then((result) =>
      Promise.reject(new Error(`child exited before it was ready: ${result.stderr}`)),
    );
  await Promise.all(children.map((c) => Promise.race([c.ready, failedEarly(c)])));
  for (const c of children) c.go();
  return Promise.all(children.map((c) => c.exited));
}

// Each child transpiles the store's sources at start-up, which is slow on a busy machine.
describe('SQLite across processes', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let path: string;

  beforeEach(() => {
    database = sqliteDatabase();
    path = (database.target as { path: string }).path;
  });
  afterEach(() => database.dispose());

  it('migrates once when two processes start on a new file at the same moment', async () => {
    const results = await together(['migrate', path]);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const rows = await database.query<{ name: string }>(`select name from ${MIGRATION_TABLE} order by name`);
    expect(rows.map((row) => row.name)).toEqual(['0001_initial', '0002_approvals', '0003_running_turns']);
  });

  it('numbers messages appended by two processes at once without gaps or duplicates', async () => {
    const store = await openStore(database.target);
    const { id } = await store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
    await store.close();
    const results = await together(['append', path, id, '25']);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const rows = await database.query<{ seq: number }>(
      `select seq from messages where conversation_id = '${id}' order by seq`,
    );
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('keeps every commit of a process killed with SIGKILL mid-transaction, and nothing uncommitted', async () => {
    const result = await child(['crash', path]).exited;
    expect(result.signal, result.stderr).toBe('SIGKILL');
    const { conversationId, answerId } = JSON.parse(result.stdout) as {
      conversationId: string;
      answerId: string;
    };

    const store = await openStore(database.target);
    try {
      const messages = await store.messages.list(conversationId);
      expect(messages.map((m) => [m.seq, m.role, m.status])).toEqual([
        [1, 'user', 'complete'],
        [2, 'assistant', 'streaming'],
      ]);
      expect(messages[1]?.id).toBe(answerId);
      expect((await store.events.listAfter(conversationId, 0)).map((e) => e.seq)).toEqual([1]);
      expect(await store.usage.report({ by: 'conversation' })).toEqual([
        expect.objectContaining({ key: conversationId, requests: 1, costUsd: 0.01 }),
      ]);
    } finally {
      await store.close();
    }
    const check = new BetterSqlite3(path, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      check.close();
    }
  });
});
