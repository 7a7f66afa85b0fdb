import { describe, expect, it } from 'vitest';
import { testDialects } from './test-support/databases.js';
import { storeWithConversation } from './test-support/store-with-conversation.js';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

describe.each(testDialects())('running turns in the store on $name', (dialect) => {
  const t = storeWithConversation(dialect);

  const start = (turnId: string, leaseUntil = inAMinute()) =>
    t.store.turns.start({ conversationId: t.conversationId, turnId, leaseUntil });

  it('lets one turn at a time hold a conversation, however many start at once', async () => {
    const started = await Promise.all(['a', 'b', 'c', 'd'].map((turnId) => start(turnId)));
    expect(started.filter(Boolean)).toHaveLength(1);
    const holder = (await t.store.turns.get(t.conversationId))?.turnId ?? '';
    expect(await t.store.turns.running([t.conversationId, 'other'])).toEqual(
      new Map([[t.conversationId, holder]]),
    );
    expect((await t.store.turns.running()).get(t.conversationId)).toBe(holder);
    // Only the holder frees it.
    await t.store.turns.finish(t.conversationId, holder === 'a' ? 'b' : 'a');
    expect(await start('e')).toBe(false);
    await t.store.turns.finish(t.conversationId, holder);
    expect(await t.store.turns.running([t.conversationId])).toEqual(new Map());
    expect(await start('e')).toBe(true);
  });

  it('takes over a turn whose lease ran out, failing its reply and closing its approvals', async () => {
    expect(await start('stale', aMinuteAgo())).toBe(true);
    const reply = await t.store.messages.append({
      conversationId: t.conversationId,
      turnId: 'stale',
      role: 'assistant',
      content: [],
      status: 'streaming',
      usage: null,
      costUsd: null,
      model: null,
      error: null,
    });
    await t.store.approvals.open({
      id: 'stale:approval-1',
      conversationId: t.conversationId,
      turnId: 'stale',
      tool: 'Write',
      expiresAt: inAMinute(),
    });
    expect(await t.store.turns.running([t.conversationId])).toEqual(new Map());
    expect(await t.store.turns.requestAbort(t.conversationId)).toBe(false);
    expect(await start('fresh')).toBe(true);
    expect(await t.store.turns.get(t.conversationId)).toMatchObject({
      turnId: 'fresh',
      abortRequested: false,
    });
    const [message] = await t.store.messages.list(t.conversationId);
    expect(message).toMatchObject({ id: reply.id, status: 'failed' });
    expect((await t.store.approvals.get('stale:approval-1'))?.status).toBe('closed');
    // The stale turn's gateway, should it come back, finds it no longer holds the conversation.
    expect(await t.store.turns.renew(t.conversationId, 'stale', inAMinute())).toBe(false);
    expect(await t.store.turns.renew(t.conversationId, 'fresh', inAMinute())).toBe(true);
  });

  it('records an abort asked for a running turn, and frees a deleted conversation', async () => {
    expect(await t.store.turns.requestAbort(t.conversationId)).toBe(false);
    await start('t1');
    expect(await t.store.turns.requestAbort(t.conversationId)).toBe(true);
    expect((await t.store.turns.get(t.conversationId))?.abortRequested).toBe(true);
    await t.store.conversations.delete(t.conversationId);
    expect(await t.store.turns.get(t.conversationId)).toBeUndefined();
  });

  it('clears every running turn (a SQLite gateway starting alone on its file)', async () => {
    await start('t1');
    expect(await t.store.turns.clear()).toBe(1);
    expect(await t.store.turns.running([t.conversationId])).toEqual(new Map());
  });
});
