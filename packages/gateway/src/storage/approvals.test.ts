import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { type TestDatabase, testDialects } from './test-support/databases.js';
import type { Store } from './types.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(testDialects())('approvals in the store on $name', (dialect) => {
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

  const open = (id: string, turnId = 'turn-1', expiresAt = inAnHour()) =>
    store.approvals.open({ id, conversationId, turnId, tool: 'Write', expiresAt });

  it('takes one answer only, and keeps a denial with its reason', async () => {
    await open('turn-1:approval-1');
    expect(await store.approvals.get('turn-1:approval-1')).toMatchObject({
      conversationId,
      turnId: 'turn-1',
      tool: 'Write',
      status: 'pending',
      answer: null,
    });
    const answers = await Promise.all([
      store.approvals.answer('turn-1:approval-1', { decision: 'deny', reason: 'no' }),
      store.approvals.answer('turn-1:approval-1', { decision: 'allow' }),
    ]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    const answered = await store.approvals.get('turn-1:approval-1');
    expect(answered?.status).toBe('answered');
    expect(answered?.answer).toEqual(answers[0] ? { decision: 'deny', reason: 'no' } : { decision: 'allow' });
    expect(await store.approvals.close({ id: 'turn-1:approval-1' })).toBe(0);
  });

  it('refuses an answer once expired or closed, and closes by id, by turn or all', async () => {
    await open('expired', 'turn-1', new Date(Date.now() - 1_000).toISOString());
    expect(await store.approvals.answer('expired', { decision: 'allow' })).toBe(false);
    expect(await store.approvals.close({ id: 'expired' })).toBe(1);
    expect((await store.approvals.get('expired'))?.status).toBe('closed');

    await open('a', 'turn-2');
    await open('b', 'turn-2');
    await open('c', 'turn-3');
    expect(await store.approvals.answer('a', { decision: 'always' })).toBe(true);
    expect(await store.approvals.close({ turnId: 'turn-2' })).toBe(1);
    expect(await store.approvals.answer('b', { decision: 'allow' })).toBe(false);
    expect((await store.approvals.get('a'))?.answer).toEqual({ decision: 'always' });
    expect(await store.approvals.close('all')).toBe(1);
    expect((await store.approvals.get('c'))?.status).toBe('closed');
    expect(await store.approvals.answer('missing', { decision: 'allow' })).toBe(false);
  });

  it('goes with its conversation', async () => {
    await open('gone');
    await store.conversations.delete(conversationId);
    expect(await store.approvals.get('gone')).toBeUndefined();
  });
});
