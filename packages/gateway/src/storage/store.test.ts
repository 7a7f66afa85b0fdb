import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MIGRATION_TABLE } from './migrations.js';
import { openStore } from './open-store.js';
import { testDialects } from './test-support/databases.js';
import { spend } from './test-support/spend.js';
import { freshStore } from './test-support/store-with-conversation.js';
import type { StoredMessage } from './types.js';

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
  const t = freshStore(dialect);

  const migrationCount = async () =>
    Number(
      (await t.database.query<{ n: number | string }>(`select count(*) as n from ${MIGRATION_TABLE}`))[0]?.n,
    );

  describe('migrations', () => {
    it('records each migration once, however often the store opens', async () => {
      expect(t.store.dialect).toBe(dialect.name);
      const applied = await migrationCount();
      expect(applied).toBeGreaterThan(0);
      await t.store.close();
      t.store = await openStore(t.database.target);
      expect(await migrationCount()).toBe(applied);
      await t.store.ping();
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
      const first = await t.store.conversations.create({
        title: 'First',
        model: 'claude-haiku',
        apiKeyId: null,
      });
      expect(first).toMatchObject({ title: 'First', model: 'claude-haiku', apiKeyId: null });
      expect(first.createdAt).toBe(first.updatedAt);
      expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
      expect(await t.store.conversations.get(first.id)).toEqual(first);
      expect(await t.store.conversations.get('missing')).toBeUndefined();

      await sleep(5);
      const second = await t.store.conversations.create({ title: 'Second', model: 'nova', apiKeyId: null });
      await t.store.conversations.create({ title: 'Keyed', model: 'nova', apiKeyId: 'key-1' });
      expect((await t.store.conversations.list({ apiKeyId: null })).map((c) => c.title)).toEqual([
        'Second',
        'First',
      ]);
      expect((await t.store.conversations.list({ apiKeyId: 'key-1' })).map((c) => c.title)).toEqual([
        'Keyed',
      ]);
      expect(await t.store.conversations.list({ apiKeyId: 'key-2' })).toEqual([]);

      await sleep(5);
      const renamed = await t.store.conversations.update(first.id, { title: 'Renamed' });
      expect(renamed).toMatchObject({ id: first.id, title: 'Renamed', model: 'claude-haiku' });
      expect(renamed!.updatedAt > first.updatedAt).toBe(true);
      expect(await t.store.conversations.get(first.id)).toEqual(renamed);
      const remodelled = await t.store.conversations.update(first.id, { model: 'nova' });
      expect(remodelled).toMatchObject({ title: 'Renamed', model: 'nova' });
      await sleep(5);
      // An empty patch only marks activity.
      const touched = await t.store.conversations.update(first.id, {});
      expect(touched).toMatchObject({ title: 'Renamed', model: 'nova' });
      expect(touched!.updatedAt > remodelled!.updatedAt).toBe(true);
      expect(await t.store.conversations.update('missing', { title: 'x' })).toBeUndefined();

      const listed = await t.store.conversations.list({ apiKeyId: null });
      expect(listed.map((c) => c.id)).toEqual([first.id, second.id]);
      expect(await t.store.conversations.list({ apiKeyId: null, limit: 1 })).toEqual([listed[0]]);
    });

    it('moves a conversation up when a message is appended', async () => {
      const older = await t.store.conversations.create({ title: 'Older', model: 'm', apiKeyId: null });
      await sleep(5);
      await t.store.conversations.create({ title: 'Newer', model: 'm', apiKeyId: null });
      await sleep(5);
      const message = await t.store.messages.append(userMessage(older.id));
      const [top] = await t.store.conversations.list({ apiKeyId: null });
      expect(top).toMatchObject({ id: older.id, updatedAt: message.createdAt });
    });

    it('deletes with messages and events, and keeps the usage records', async () => {
      const conversation = await t.store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
      await t.store.messages.append(userMessage(conversation.id));
      await t.store.events.append({
        conversationId: conversation.id,
        turnId: 'turn-1',
        event: 'text',
        data: {},
      });
      await t.store.usage.record(spend('m', 0.5, { conversationId: conversation.id }));

      expect(await t.store.conversations.delete(conversation.id)).toBe(true);
      expect(await t.store.conversations.delete(conversation.id)).toBe(false);
      expect(await t.store.conversations.get(conversation.id)).toBeUndefined();
      expect(await t.store.messages.list(conversation.id)).toEqual([]);
      expect(await t.store.events.listAfter(conversation.id, 0)).toEqual([]);
      expect(await t.database.query('select * from messages')).toEqual([]);
      expect(await t.database.query('select * from events')).toEqual([]);
      const report = await t.store.usage.report({ by: 'conversation' });
      expect(report).toEqual([expect.objectContaining({ key: conversation.id, requests: 1, costUsd: 0.5 })]);
    });
  });

  describe('messages', () => {
    it('appends in order, updates a turn as it completes, and lists', async () => {
      const { id: conversationId } = await t.store.conversations.create({
        title: 't',
        model: 'm',
        apiKeyId: null,
      });
      // Includes NUL, which PostgreSQL's jsonb would refuse.
      const question = await t.store.messages.append(
        userMessage(conversationId, 'Zürich? 東京? 🚀 \u0000 \\u0000'),
      );
      expect(question).toMatchObject({
        conversationId,
        seq: 1,
        role: 'user',
        status: 'complete',
        turnId: 'turn-1',
      });

      const answer = await t.store.messages.append({
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
      await t.store.messages.update(answer.id, {
        content,
        status: 'complete',
        usage,
        costUsd: 0.00123,
        model: 'us.anthropic.claude-haiku',
      });
      await t.store.messages.update(answer.id, {});
      await t.store.messages.update('missing', { status: 'failed' });

      const [storedQuestion, storedAnswer] = await t.store.messages.list(conversationId);
      expect(storedQuestion).toEqual(question);
      expect(storedAnswer).toEqual({
        ...answer,
        content,
        status: 'complete',
        usage,
        costUsd: 0.00123,
        model: 'us.anthropic.claude-haiku',
      });

      await t.store.messages.update(answer.id, {
        status: 'failed',
        error: 'ThrottlingException',
        usage: null,
      });
      expect((await t.store.messages.list(conversationId))[1]).toMatchObject({
        status: 'failed',
        error: 'ThrottlingException',
        usage: null,
        content,
      });
      expect(await t.store.messages.list('missing')).toEqual([]);
    });

    it('refuses a message for a conversation that does not exist', async () => {
      await expect(t.store.messages.append(userMessage('missing'))).rejects.toThrow(
        /conversation missing not found/,
      );
    });

    it('fails every message left streaming by a process that died', async () => {
      const a = await t.store.conversations.create({ title: 'a', model: 'm', apiKeyId: null });
      const b = await t.store.conversations.create({ title: 'b', model: 'm', apiKeyId: null });
      await t.store.messages.append(userMessage(a.id));
      const streaming = { role: 'assistant' as const, content: [], status: 'streaming' as const };
      await t.store.messages.append({ ...userMessage(a.id), ...streaming });
      await t.store.messages.append({ ...userMessage(b.id), ...streaming });

      expect(await t.store.messages.failInterrupted('The gateway stopped.')).toBe(2);
      const statuses = [...(await t.store.messages.list(a.id)), ...(await t.store.messages.list(b.id))].map(
        (m) => [m.status, m.error],
      );
      expect(statuses).toEqual([
        ['complete', null],
        ['failed', 'The gateway stopped.'],
        ['failed', 'The gateway stopped.'],
      ]);
      expect(await t.store.messages.failInterrupted('again')).toBe(0);
    });

    it('numbers 50 concurrent appends 1..50, from one store and from two', async () => {
      const { id } = await t.store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) => t.store.messages.append(userMessage(id, `m${i}`))),
      );
      expect(appended.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(1, 50));

      const other = await openStore(t.database.target);
      try {
        const both = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? t.store : other).messages.append(userMessage(id, `n${i}`)),
          ),
        );
        expect(both.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(51, 100));
      } finally {
        await other.close();
      }
      expect((await t.store.messages.list(id)).map((m) => m.seq)).toEqual(range(1, 100));
    });
  });

  describe('events', () => {
    it('appends per conversation and lists after a seq, optionally for one turn', async () => {
      const a = await t.store.conversations.create({ title: 'a', model: 'm', apiKeyId: null });
      const b = await t.store.conversations.create({ title: 'b', model: 'm', apiKeyId: null });
      const data = [
        { text: 'Hi' },
        'plain string',
        42,
        null,
        ['x', { y: true }],
        { delta: { text: 'é🚀\u0000' } },
      ];
      for (const [i, value] of data.entries()) {
        await t.store.events.append({
          conversationId: a.id,
          turnId: i < 3 ? 't1' : 't2',
          event: `e${i}`,
          data: value,
        });
      }
      const onB = await t.store.events.append({
        conversationId: b.id,
        turnId: 't1',
        event: 'start',
        data: {},
      });
      expect(onB).toMatchObject({ conversationId: b.id, seq: 1, event: 'start', data: {} });

      const all = await t.store.events.listAfter(a.id, 0);
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all.map((e) => e.data)).toEqual(data);
      expect(all[0]).toMatchObject({ conversationId: a.id, turnId: 't1', event: 'e0' });
      expect((await t.store.events.listAfter(a.id, 4)).map((e) => e.seq)).toEqual([5, 6]);
      expect((await t.store.events.listAfter(a.id, 2, 't2')).map((e) => e.seq)).toEqual([4, 5, 6]);
      expect((await t.store.events.listAfter(a.id, 0, 't1')).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(await t.store.events.listAfter(a.id, 6)).toEqual([]);
    });

    it('numbers 50 concurrent appends 1..50 and refuses unknown conversations', async () => {
      const { id } = await t.store.conversations.create({ title: 't', model: 'm', apiKeyId: null });
      const other = await openStore(t.database.target);
      try {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? t.store : other).events.append({
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
      expect((await t.store.events.listAfter(id, 0)).map((e) => e.seq)).toEqual(range(1, 50));
      await expect(
        t.store.events.append({ conversationId: 'missing', turnId: 't', event: 'x', data: 1 }),
      ).rejects.toThrow(/not found/);
    });
  });

  it('pings while open and refuses after close', async () => {
    await expect(t.store.ping()).resolves.toBeUndefined();
    await t.store.close();
    await expect(t.store.ping()).rejects.toThrow();
    t.store = await openStore(t.database.target);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
