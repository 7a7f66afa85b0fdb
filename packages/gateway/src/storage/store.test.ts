import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIGRATION_TABLE } from './migrations.js';
import { openStore } from './open-store.js';
import { type TestDatabase, testDialects } from './test-support/databases.js';
import { spend } from './test-support/spend.js';
import type { Store, StoredMessage } from './types.js';

const usage = {
  inputTokens: 10,
  outputTokens: 5,
  cacheReadInputTokens: 2,
  cacheWriteInputTokens: 1,
  totalTokens: 18,
};

function userMessage(
  conversationId: string,
  text = 'hello',
): Omit<StoredMessage, 'id' | 'seq' | 'createdAt'> {
  return {
    conversationId,
    role: 'user',
    content: [{ type: 'text', text }],
    status: 'complete',
    turnId: 'turn-1',
    usage: null,
    costUsd: null,
    model: null,
    error: null,
  };
}

describe.each(testDialects())('store on $name', (dialect) => {
  let database: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    database = await dialect.create();
    store = await openStore(database.target);
  });

  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    await database.dispose();
  });

  const migrationCount = async () =>
    Number(
      (await database.query<{ n: number | string }>(`select count(*) as n from ${MIGRATION_TABLE}`))[0]?.n,
    );

  describe('migrations', () => {
    it('records each migration once, however often the store opens', async () => {
      expect(store.dialect).toBe(dialect.name);
      const applied = await migrationCount();
      expect(applied).toBeGreaterThan(0);
      await store.close();
      store = await openStore(database.target);
      expect(await migrationCount()).toBe(applied);
      await store.ping();
    });

    it('lets two stores start at once on an empty database', async () => {
      const fresh = await dialect.create();
      try {
        const [a, b] = await Promise.all([openStore(fresh.target), openStore(fresh.target)]);
        const conversation = await a.conversations.create({ title: 't', model: 'm', apiKeyId: null });
        expect(await b.conversations.get(conversation.id)).toEqual(conversation);
        await Promise.all([a.close(), b.close()]);
        expect(
          Number((await fresh.query<{ n: number }>(`select count(*) as n from ${MIGRATION_TABLE}`))[0]?.n),
        ).toBe(await migrationCount());
      } finally {
        await fresh.dispose();
      }
    });
  });

  describe('conversations', () => {
    it('creates, reads, updates and lists newest activity first', async () => {
      const first = await store.conversations.create({
        title: 'First',
        model: 'claude-haiku',
        apiKeyId: null,
      });
      expect(first).toMatchObject({ title: 'First', model: 'claude-haiku', apiKeyId: null });
      expect(first.createdAt).toBe(first.updatedAt);
      expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
      expect(await store.conversations.get(first.id)).toEqual(first);
      expect(await store.conversations.get('missing')).toBeUndefined();

      await sleep(5);
      const second = await store.conversations.create({ title: 'Second', model: 'nova', apiKeyId: null });
      await store.conversations.create({ title: 'Keyed', model: 'nova', apiKeyId: 'key-1' });
      expect((await store.conversations.list({ apiKeyId: null })).map((c) => c.title)).toEqual([
        'Second',
        'First',
      ]);
      expect((await store.conversations.list({ apiKeyId: 'key-1' })).map((c) => c.title)).toEqual(['Keyed']);
      expect(await store.conversations.list({ apiKeyId: 'key-2' })).toEqual([]);

      await sleep(5);
      const renamed = await store.conversations.update(first.id, { title: 'Renamed' });
      expect(renamed).toMatchObject({ id: first.id, title: 'Renamed', model: 'claude-haiku' });
      expect(renamed!.updatedAt > first.updatedAt).toBe(true);
      expect(await store.conversations.get(first.id)).toEqual(renamed);
      const remodelled = await store.conversations.update(first.id, { model: 'nova' });
      expect(remodelled).toMatchObject({ title: 'Renamed', model: 'nova' });
      await sleep(5);
      // An empty patch only marks activity.
      const touched = await store.conversations.update(first.id, {});
      expect(touched).toMatchObject({ title: 'Renamed', model: 'nova' });
      expect(touched!.updatedAt > remodelled!.updatedAt).toBe(true);
      expect(await store.conversations.update('missing', { title: 'x' })).toBeUndefined();

      const listed = await store.conversations.list({ apiKeyId: null });
      expect(listed.map((c) => c.id)).toEqual([first.id, second.id]);
      expect(await store.conversations.list({ apiKeyId: null, limit: 1 })).toEqual([listed[0]]);
    });

    it('moves a conversation up when a message is appended', async () => {
      const older = await store.conversations.create({ title: 'Older', model: 'm', apiKeyId: null });
      await sleep(5);
      await store.conversations.create({ title: 'Newer', model: 'm', apiKeyId: null });
      await sleep(5);
      const message = await store.messages.append(userMessage(older.id));
      const [top] = await store.conversations.list({ apiKeyId: null });
      expect(top).toMatchObject({ id: older.id, updatedAt: message.createdAt });
    });

    it('deletes with messages and events, and keeps the usage records', async () => {
      const conversation = await store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
      await store.messages.append(userMessage(conversation.id));
      await store.events.append({
        conversationId: conversation.id,
        turnId: 'turn-1',
        event: 'text',
        data: {},
      });
      await store.usage.record(spend('m', 0.5, { conversationId: conversation.id }));

      expect(await store.conversations.delete(conversation.id)).toBe(true);
      expect(await store.conversations.delete(conversation.id)).toBe(false);
      expect(await store.conversations.get(conversation.id)).toBeUndefined();
      expect(await store.messages.list(conversation.id)).toEqual([]);
      expect(await store.events.listAfter(conversation.id, 0)).toEqual([]);
      expect(await database.query('select * from messages')).toEqual([]);
      expect(await database.query('select * from events')).toEqual([]);
      const report = await store.usage.report({ by: 'conversation' });
      expect(report).toEqual([expect.objectContaining({ key: conversation.id, requests: 1, costUsd: 0.5 })]);
    });
  });

  describe('messages', () => {
    it('appends in order, updates a turn as it completes, and lists', async () => {
      const { id: conversationId } = await store.conversations.create({
        title: 't',
        model: 'm',
        apiKeyId: null,
      });
      // Includes NUL, which PostgreSQL's jsonb would refuse.
      const question = await store.messages.append(
        userMessage(conversationId, 'Zürich? 東京? 🚀 \u0000 \\u0000'),
      );
      expect(question).toMatchObject({
        conversationId,
        seq: 1,
        role: 'user',
        status: 'complete',
        turnId: 'turn-1',
      });

      const answer = await store.messages.append({
        ...userMessage(conversationId),
        role: 'assistant',
        content: [],
        status: 'streaming',
      });
      expect(answer.seq).toBe(2);
      const content = [
        { type: 'text' as const, text: 'Here' },
        { type: 'toolUse' as const, id: 'tu-1', name: 'read', input: { path: 'a.txt', lines: [1, 2] } },
      ];
      await store.messages.update(answer.id, {
        content,
        status: 'complete',
        usage,
        costUsd: 0.00123,
        model: 'us.anthropic.claude-haiku',
      });
      await store.messages.update(answer.id, {});
      await store.messages.update('missing', { status: 'failed' });

      const [storedQuestion, storedAnswer] = await store.messages.list(conversationId);
      expect(storedQuestion).toEqual(question);
      expect(storedAnswer).toEqual({
        ...answer,
        content,
        status: 'complete',
        usage,
        costUsd: 0.00123,
        model: 'us.anthropic.claude-haiku',
      });

      await store.messages.update(answer.id, { status: 'failed', error: 'ThrottlingException', usage: null });
      expect((await store.messages.list(conversationId))[1]).toMatchObject({
        status: 'failed',
        error: 'ThrottlingException',
        usage: null,
        content,
      });
      expect(await store.messages.list('missing')).toEqual([]);
    });

    it('refuses a message for a conversation that does not exist', async () => {
      await expect(store.messages.append(userMessage('missing'))).rejects.toThrow(
        /conversation missing not found/,
      );
    });

    it('fails every message left streaming by a process that died', async () => {
      const a = await store.conversations.create({ title: 'a', model: 'm', apiKeyId: null });
      const b = await store.conversations.create({ title: 'b', model: 'm', apiKeyId: null });
      await store.messages.append(userMessage(a.id));
      const streaming = { role: 'assistant' as const, content: [], status: 'streaming' as const };
      await store.messages.append({ ...userMessage(a.id), ...streaming });
      await store.messages.append({ ...userMessage(b.id), ...streaming });

      expect(await store.messages.failInterrupted('The gateway stopped.')).toBe(2);
      const statuses = [...(await store.messages.list(a.id)), ...(await store.messages.list(b.id))].map(
        (m) => [m.status, m.error],
      );
      expect(statuses).toEqual([
        ['complete', null],
        ['failed', 'The gateway stopped.'],
        ['failed', 'The gateway stopped.'],
      ]);
      expect(await store.messages.failInterrupted('again')).toBe(0);
    });

    it('numbers 50 concurrent appends 1..50, from one store and from two', async () => {
      const { id } = await store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.messages.append(userMessage(id, `m${i}`))),
      );
      expect(appended.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(1, 50));

      const other = await openStore(database.target);
      try {
        const both = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? store : other).messages.append(userMessage(id, `n${i}`)),
          ),
        );
        expect(both.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(51, 100));
      } finally {
        await other.close();
      }
      expect((await store.messages.list(id)).map((m) => m.seq)).toEqual(range(1, 100));
    });
  });

  describe('events', () => {
    it('appends per conversation and lists after a seq, optionally for one turn', async () => {
      const a = await store.conversations.create({ title: 'a', model: 'm', apiKeyId: null });
      const b = await store.conversations.create({ title: 'b', model: 'm', apiKeyId: null });
      const data = [
        { text: 'Hi' },
        'plain string',
        42,
        null,
        ['x', { y: true }],
        { delta: { text: 'é🚀\u0000' } },
      ];
      for (const [i, value] of data.entries()) {
        await store.events.append({
          conversationId: a.id,
          turnId: i < 3 ? 't1' : 't2',
          event: `e${i}`,
          data: value,
        });
      }
      const onB = await store.events.append({ conversationId: b.id, turnId: 't1', event: 'start', data: {} });
      expect(onB).toMatchObject({ conversationId: b.id, seq: 1, event: 'start', data: {} });

      const all = await store.events.listAfter(a.id, 0);
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all.map((e) => e.data)).toEqual(data);
      expect(all[0]).toMatchObject({ conversationId: a.id, turnId: 't1', event: 'e0' });
      expect((await store.events.listAfter(a.id, 4)).map((e) => e.seq)).toEqual([5, 6]);
      expect((await store.events.listAfter(a.id, 2, 't2')).map((e) => e.seq)).toEqual([4, 5, 6]);
      expect((await store.events.listAfter(a.id, 0, 't1')).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(await store.events.listAfter(a.id, 6)).toEqual([]);
    });

    it('numbers 50 concurrent appends 1..50 and refuses unknown conversations', async () => {
      const { id } = await store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
      const other = await openStore(database.target);
      try {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? store : other).events.append({
              conversationId: id,
              turnId: 't',
              event: 'text',
              data: { i },
            }),
          ),
        );
      } finally {
        await other.close();
      }
      expect((await store.events.listAfter(id, 0)).map((e) => e.seq)).toEqual(range(1, 50));
      await expect(
        store.events.append({ conversationId: 'missing', turnId: 't', event: 'x', data: 1 }),
      ).rejects.toThrow(/not found/);
    });
  });

  it('pings while open and refuses after close', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
    store = await openStore(database.target);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
