import { randomUUID } from 'node:crypto';
import { batchedWrites } from './batched-writes.js';
import { isoTimestamp, now, type StoreContext } from './context.js';
import type { Store, UsageRecord, UsageRow } from './types.js';

const GROUP_COLUMNS = {
  conversation: ['conversation_id'],
  model: ['model'],
  day: ['day'],
  'day-model': ['day', 'model'],
} as const;

export function usageRepository({ db }: StoreContext): Store['usage'] {
  // A row per API call: the busiest write of the compatible APIs, so concurrent calls share a commit.
  const insert = batchedWrites<UsageRecord>(async (records) => {
    await db
      .insertInto('usage')
      .values(
        records.map((record) => ({
          id: record.id,
          conversation_id: record.conversationId,
          api_key_id: record.apiKeyId,
          source: record.source,
          model: record.model,
          input_tokens: record.inputTokens,
          output_tokens: record.outputTokens,
          cache_read_input_tokens: record.cacheReadInputTokens,
          cache_write_input_tokens: record.cacheWriteInputTokens,
          cost_usd: record.costUsd,
          created_at: record.createdAt,
          day: record.createdAt.slice(0, 10),
        })),
      )
      .execute();
  });
  return {
    async record(input) {
      const record: UsageRecord = {
        id: randomUUID(),
        conversationId: input.conversationId,
        apiKeyId: input.apiKeyId,
        source: input.source,
        model: input.model,
        inputTokens: input.inputTokens,
        outputTokens: input.outputTokens,
        cacheReadInputTokens: input.cacheReadInputTokens,
        cacheWriteInputTokens: input.cacheWriteInputTokens,
        costUsd: input.costUsd,
        createdAt: now(),
      };
      await insert(record);
      return record;
    },

    /**
     * Days come oldest first; conversations and models costliest first; by `day-model`, days oldest
     * first and each day's models costliest first, keyed `YYYY-MM-DD|model`. Records made outside a
     * conversation (the OpenAI and Anthropic APIs) group under the key `''` when grouping by conversation.
     */
    async report({ by, since, apiKeyId }) {
      const columns = GROUP_COLUMNS[by];
      const [first, second] = columns;
      let query = db
        .selectFrom('usage')
        .select((eb) => [
          eb.ref(first).as('key'),
          // The key's second part (the model, by `day-model`); joined in JS to stay dialect-neutral.
          eb.ref(second ?? first).as('key2'),
          eb.fn.countAll().as('requests'),
          eb.fn.sum('input_tokens').as('input_tokens'),
          eb.fn.sum('output_tokens').as('output_tokens'),
          eb.fn.sum('cache_read_input_tokens').as('cache_read_input_tokens'),
          eb.fn.sum('cache_write_input_tokens').as('cache_write_input_tokens'),
          eb.fn.sum('cost_usd').as('cost_usd'),
        ])
        .groupBy([...columns]);
      if (since !== undefined) query = query.where('created_at', '>=', isoTimestamp(since));
      if (apiKeyId !== undefined) query = query.where('api_key_id', apiKeyId === null ? 'is' : '=', apiKeyId);
      // PostgreSQL returns counts and integer sums as strings (they are bigint), hence Number().
      const rows: UsageRow[] = (await query.execute()).map((row) => ({
        key: second ? `${row.key ?? ''}|${row.key2 ?? ''}` : (row.key ?? ''),
        requests: Number(row.requests),
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        cacheReadInputTokens: Number(row.cache_read_input_tokens),
        cacheWriteInputTokens: Number(row.cache_write_input_tokens),
        costUsd: Number(row.cost_usd),
      }));
      if (by === 'day') return rows.sort((a, b) => compare(a.key, b.key));
      if (by === 'day-model') {
        // The day is the key's first 10 characters (`YYYY-MM-DD`).
        return rows.sort(
          (a, b) =>
            compare(a.key.slice(0, 10), b.key.slice(0, 10)) || b.costUsd - a.costUsd || compare(a.key, b.key),
        );
      }
      return rows.sort((a, b) => b.costUsd - a.costUsd || compare(a.key, b.key));
    },
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
