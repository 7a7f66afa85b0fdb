import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { type TestDatabase, testDialects } from './test-support/databases.js';
import type { Store } from './types.js';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

describe.each(testDialects())('running turns in the store on $name', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let conversationId: string;

  beforeEach(async () => {
    database = await dialect.create();
    store = await openStore(database.target);
    conversationId = (await store.conversations.create({ title: 't', model: 'm', apiKeyId: null })).id;
  });
  afterEach(async () => {
    await store.close();
    await database.dispose();
  });

  const start = (turnId: string, leaseUntil = inAMinute()) =>
    store.turns.start({ conversationId, turnId, leaseUntil });

  it('lets one turn at a time hold a conversation, however many start at once', async () => {
    const started = await Promise.all(['a', 'b', 'c', 'd'].map((turnId) => start(turnId)));
    expect(started.filter(Boolean)).toHaveLength(1);
    const holder = (await store.turns.get(conversationId))?.turnId ?? '';
    expect(await store.turns.running([conversationId, 'other'])).toEqual(new Map([[conversationId, holder]]));
    expect((await store.turns.running()).get(conversationId)).toBe(holder);
    // Only the holder frees it.
    await store.turns.finish(conversationId, holder === 'a' ? 'b' : 'a');
    expect(await start('e')).toBe(false);
    await store.turns.finish(conversationId, holder);
    expect(await store.turns.running([conversationId])).toEqual(new Map());
    expect(await start('e')).toBe(true);
  });

  it('takes over a turn whose lease ran out, failing its reply and closing its approvals', async () => {
    expect(await start('stale', aMinuteAgo())).toBe(true);
    const reply = await store.messages.append({
      conversationId,
      turnId: 'stale',
      role: 'assistant',
      content: [],
      status: 'streaming',
      usage: null,
      costUsd: null,
      model: null,
      error: null,
    });
    await store.approvals.open({
      id: 'stale:approval-1',
      conversationId,
      turnId: 'stale',
      tool: 'Write',
      expiresAt: inAMinute(),
    });
    expect(await store.turns.running([conversationId])).toEqual(new Map());
    expect(await store.turns.requestAbort(conversationId)).toBe(false);
    expect(await start('fresh')).toBe(true);
    expect(await store.turns.get(conversationId)).toMatchObject({ turnId: 'fresh', abortRequested: false });
    const [message] = await store.messages.list(conversationId);
    expect(message).toMatchObject({ id: reply.id, status: 'failed' });
    expect((await store.approvals.get('stale:approval-1'))?.status).toBe('closed');
    // The stale turn's gateway, should it come back, finds it no longer holds the conversation.
    expect(await store.turns.renew(conversationId, 'stale', inAMinute())).toBe(false);
    expect(await store.turns.renew(conversationId, 'fresh', inAMinute())).toBe(true);
  });

  it('records an abort asked for a running turn, and frees a deleted conversation', async () => {
    expect(await store.turns.requestAbort(conversationId)).toBe(false);
    await start('t1');
    expect(await store.turns.requestAbort(conversationId)).toBe(true);
    expect((await store.turns.get(conversationId))?.abortRequested).toBe(true);
    await store.conversations.delete(conversationId);
    expect(await store.turns.get(conversationId)).toBeUndefined();
  });

  it('clears every running turn (a SQLite gateway starting alone on its file)', async () => {
    await start('t1');
    expect(await store.turns.clear()).toBe(1);
    expect(await store.turns.running([conversationId])).toEqual(new Map());
  });
});
