import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { testDialects } from './test-support/databases.js';
import { spend } from './test-support/spend.js';
import { freshStore } from './test-support/store-with-conversation.js';
import type { Store } from './types.js';

describe.each(testDialects())('store ledger, keys and settings on $name', (dialect) => {
  const t = freshStore(dialect);

  describe('usage', () => {
    it('records and reports by conversation, model, day and day-model, filtered by time and key', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2025-03-01T23:59:59.000Z'));
      const recorded = await t.store.usage.record(
        spend('haiku', 0.25, { conversationId: 'c1', apiKeyId: 'k1' }),
      );
      expect(recorded).toMatchObject({ conversationId: 'c1', apiKeyId: 'k1', source: 'app', model: 'haiku' });
      expect(recorded.createdAt).toBe('2025-03-01T23:59:59.000Z');
      vi.setSystemTime(new Date('2025-03-02T00:00:01.000Z'));
      await t.store.usage.record(spend('haiku', 0.5, { conversationId: 'c1', apiKeyId: 'k1' }));
      await t.store.usage.record(spend('sonnet', 2, { apiKeyId: 'k2' }));
      vi.setSystemTime(new Date('2025-03-03T12:00:00.000Z'));
      await t.store.usage.record(spend('nova', 1, { conversationId: 'c2' }));
      vi.useRealTimers();

      expect(await t.store.usage.report({ by: 'day' })).toEqual([
        {
          key: '2025-03-01',
          requests: 1,
          inputTokens: 100,
          outputTokens: 10,
          cacheReadInputTokens: 1,
          cacheWriteInputTokens: 2,
          costUsd: 0.25,
        },
        {
          key: '2025-03-02',
          requests: 2,
          inputTokens: 200,
          outputTokens: 20,
          cacheReadInputTokens: 2,
          cacheWriteInputTokens: 4,
          costUsd: 2.5,
        },
        {
          key: '2025-03-03',
          requests: 1,
          inputTokens: 100,
          outputTokens: 10,
          cacheReadInputTokens: 1,
          cacheWriteInputTokens: 2,
          costUsd: 1,
        },
      ]);
      const keys = async (query: Parameters<Store['usage']['report']>[0]) =>
        (await t.store.usage.report(query)).map((row) => [row.key, row.requests, row.costUsd]);
      expect(await keys({ by: 'model' })).toEqual([
        ['sonnet', 1, 2],
        ['nova', 1, 1],
        ['haiku', 2, 0.75],
      ]);
      expect(await keys({ by: 'conversation' })).toEqual([
        ['', 1, 2],
        ['c2', 1, 1],
        ['c1', 2, 0.75],
      ]);
      // By day and model: days oldest first, each day's models costliest first.
      expect(await keys({ by: 'day-model' })).toEqual([
        ['2025-03-01|haiku', 1, 0.25],
        ['2025-03-02|sonnet', 1, 2],
        ['2025-03-02|haiku', 1, 0.5],
        ['2025-03-03|nova', 1, 1],
      ]);
      expect((await t.store.usage.report({ by: 'day-model' }))[1]).toEqual({
        key: '2025-03-02|sonnet',
        requests: 1,
        inputTokens: 100,
        outputTokens: 10,
        cacheReadInputTokens: 1,
        cacheWriteInputTokens: 2,
        costUsd: 2,
      });
      expect(await keys({ by: 'day-model', since: '2025-03-02T00:00:00Z', apiKeyId: 'k1' })).toEqual([
        ['2025-03-02|haiku', 1, 0.5],
      ]);
      expect(await keys({ by: 'model', apiKeyId: 'k1' })).toEqual([['haiku', 2, 0.75]]);
      expect(await keys({ by: 'model', apiKeyId: null })).toEqual([['nova', 1, 1]]);
      expect(await keys({ by: 'model', apiKeyId: 'k3' })).toEqual([]);
      expect(await keys({ by: 'day', since: '2025-03-02T00:00:00Z' })).toEqual([
        ['2025-03-02', 2, 2.5],
        ['2025-03-03', 1, 1],
      ]);
      // Offsets are normalized before comparing: 01:00+02:00 is 2025-03-01T23:00Z.
      expect(await keys({ by: 'day', since: '2025-03-02T01:00:00+02:00', apiKeyId: 'k1' })).toEqual([
        ['2025-03-01', 1, 0.25],
        ['2025-03-02', 1, 0.5],
      ]);
      await expect(t.store.usage.report({ by: 'day', since: 'yesterday' })).rejects.toThrow(
        /not a timestamp/,
      );
    });
  });

  describe('keys', () => {
    it('creates, lists, finds active keys by hash, and revokes', async () => {
      const a = await t.store.keys.create({ name: 'ci', hash: 'a'.repeat(64), prefix: 'sk-st-aaaa' });
      expect(a).toMatchObject({ name: 'ci', hash: 'a'.repeat(64), prefix: 'sk-st-aaaa', revokedAt: null });
      await sleep(5);
      const b = await t.store.keys.create({ name: 'laptop', hash: 'b'.repeat(64), prefix: 'sk-st-bbbb' });
      expect(await t.store.keys.list()).toEqual([a, b]);
      expect(await t.store.keys.findByHash('a'.repeat(64))).toEqual(a);
      expect(await t.store.keys.findByHash('c'.repeat(64))).toBeUndefined();

      expect(await t.store.keys.revoke(a.id)).toBe(true);
      expect(await t.store.keys.revoke(a.id)).toBe(false);
      expect(await t.store.keys.revoke('missing')).toBe(false);
      expect(await t.store.keys.findByHash('a'.repeat(64))).toBeUndefined();
      expect(await t.store.keys.findByHash('b'.repeat(64))).toEqual(b);
      const [revoked] = await t.store.keys.list();
      expect(revoked).toMatchObject({ id: a.id, revokedAt: expect.any(String) });
      await expect(t.store.keys.create({ name: 'dup', hash: 'b'.repeat(64), prefix: 'x' })).rejects.toThrow();
    });
  });

  describe('settings', () => {
    it('reads an unwritten scope as empty and round-trips a document per scope', async () => {
      expect(await t.store.settings.get('global')).toEqual({});
      const value = {
        model: 'claude',
        tools: ['read', 'bash'],
        limits: { maxTokens: 4096, temperature: 0.5 },
        on: true,
      };
      await t.store.settings.put('global', value);
      await t.store.settings.put('key-1', { model: 'nova' });
      expect(await t.store.settings.get('global')).toEqual(value);
      await t.store.settings.put('global', { model: 'haiku' });
      expect(await t.store.settings.get('global')).toEqual({ model: 'haiku' });
      expect(await t.store.settings.get('key-1')).toEqual({ model: 'nova' });
    });
  });
});
