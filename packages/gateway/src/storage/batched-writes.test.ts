import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchedWrites } from './batched-writes.js';
import { openStore } from './open-store.js';
import { type TestDatabase, testDialects } from './test-support/databases.js';
import type { Store } from './types.js';

describe('batched writes', () => {
  it('writes what arrives in one turn together, and settles each caller after its write', async () => {
    const writes: number[][] = [];
    const write = batchedWrites<number>(async (items) => {
      writes.push(items);
    });
    await Promise.all([write(1), write(2), write(3)]);
    await write(4);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every caller of a failed write, and only those', async () => {
    const write = batchedWrites<string>(async (items) => {
      if (items.includes('bad')) throw new Error('refused');
    });
    const first = Promise.allSettled([write('good'), write('bad')]);
    const later = write('good again');
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(later).rejects.toThrow('refused');
    await expect(write('alone')).resolves.toBeUndefined();
  });
});

describe.each(testDialects())('usage rows recorded at once on $name', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await dialect.create();
    store = await openStore(database.target);
  });
  afterEach(async () => {
    await store.close();
    await database.dispose();
  });

  it('stores every row of a concurrent burst, each readable once its call resolves', async () => {
    const records = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        store.usage.record({
          conversationId: null,
          apiKeyId: null,
          source: 'openai',
          model: i % 2 ? 'odd' : 'even',
          inputTokens: 1,
          outputTokens: 2,
          cacheReadInputTokens: 0,
          cacheWriteInputTokens: 0,
          costUsd: 0.5,
        }),
      ),
    );
    expect(new Set(records.map((r) => r.id)).size).toBe(600);
    const rows = await store.usage.report({ by: 'model' });
    expect(rows.map((r) => [r.key, r.requests, r.outputTokens, r.costUsd])).toEqual([
      ['even', 300, 600, 150],
      ['odd', 300, 600, 150],
    ]);
  });
});
