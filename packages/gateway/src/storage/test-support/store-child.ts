// A second process using the store, driven by the tests in sqlite-processes.test.ts:
//   migrate <file>                       open (migrating) and close
//   append <file> <conversationId> <n>   append n messages at once, then close
//   crash <file>                         commit a turn, print its conversation id, then SIGKILL itself
//                                        in the middle of a second, larger transaction
// `migrate` and `append` print `ready` and wait for a line on stdin before the contended part, so the
// parent can start two of them at the same moment despite process start-up times.
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../open-store.js';

const [command, path = '', ...rest] = process.argv.slice(2);

async function ready(): Promise<void> {
  writeSync(1, 'ready\n');
  await once(process.stdin, 'data');
  process.stdin.destroy();
}

if (command === 'migrate') await ready();
const store = await openStore({ kind: 'sqlite', path });

const message = (conversationId: string, role: 'user' | 'assistant', text: string) => ({
  conversationId,
  role,
  content: [{ type: 'text' as const, text }],
  status: 'complete' as const,
  turnId: 'turn-1',
  usage: null,
  costUsd: null,
  model: null,
  error: null,
});

if (command === 'append') {
  const [conversationId = '', count = '0'] = rest;
  await ready();
  await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      store.messages.append(message(conversationId, 'user', `${i}`)),
    ),
  );
} else if (command === 'crash') {
  const conversation = await store.conversations.create({ title: 'crash', model: 'm', apiKeyId: null });
  await store.messages.append(message(conversation.id, 'user', 'question'));
  await store.events.append({
    conversationId: conversation.id,
    turnId: 'turn-1',
    event: 'text',
    data: { t: 'a' },
  });
  const answer = await store.messages.append({
    ...message(conversation.id, 'assistant', ''),
    status: 'streaming',
  });
  await store.usage.record({
    conversationId: conversation.id,
    apiKeyId: null,
    source: 'app',
    model: 'm',
    inputTokens: 1,
    outputTokens: 1,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    costUsd: 0.01,
  });
  // Synchronous, so the parent has the id before the process dies.
  writeSync(1, `${JSON.stringify({ conversationId: conversation.id, answerId: answer.id })}\n`);

  // The second transaction: big enough (with a tiny page cache) that uncommitted pages spill into
  // the WAL file, which recovery must then ignore.
  const raw = new BetterSqlite3(path);
  raw.pragma('cache_size = 2');
  raw.exec('begin immediate');
  const insert = raw.prepare(
    `insert into events (conversation_id, seq, turn_id, event, data, created_at) values (?, ?, 'turn-1', 'text', ?, '')`,
  );
  for (let seq = 2; seq < 2_000; seq++)
    insert.run(conversation.id, seq, JSON.stringify({ t: 'x'.repeat(500) }));
  raw.prepare('update messages set status = ? where id = ?').run('complete', answer.id);
  process.kill(process.pid, 'SIGKILL');
}
await store.close();
