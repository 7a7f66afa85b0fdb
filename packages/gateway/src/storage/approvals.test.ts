import { describe, expect, it } from 'vitest';
import { testDialects } from './test-support/databases.js';
import { storeWithConversation } from './test-support/store-with-conversation.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(testDialects())('approvals in the store on $name', (dialect) => {
  const t = storeWithConversation(dialect);

  const open = (id: string, turnId = 'turn-1', expiresAt = inAnHour()) =>
    t.store.approvals.open({ id, conversationId: t.conversationId, turnId, tool: 'Write', expiresAt });

  it('takes one answer only, and keeps a denial with its reason', async () => {
    await open('turn-1:approval-1');
    expect(await t.store.approvals.get('turn-1:approval-1')).toMatchObject({
      conversationId: t.conversationId,
      turnId: 'turn-1',
      tool: 'Write',
      status: 'pending',
      answer: null,
    });
    const answers = await Promise.all([
      t.store.approvals.answer('turn-1:approval-1', { decision: 'deny', reason: 'no' }),
      t.store.approvals.answer('turn-1:approval-1', { decision: 'allow' }),
    ]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    const answered = await t.store.approvals.get('turn-1:approval-1');
    expect(answered?.status).toBe('answered');
    expect(answered?.answer).toEqual(answers[0] ? { decision: 'deny', reason: 'no' } : { decision: 'allow' });
    expect(await t.store.approvals.close({ id: 'turn-1:approval-1' })).toBe(0);
  });

  it('refuses an answer once expired or closed, and closes by id, by turn or all', async () => {
    await open('expired', 'turn-1', new Date(Date.now() - 1_000).toISOString());
    expect(await t.store.approvals.answer('expired', { decision: 'allow' })).toBe(false);
    expect(await t.store.approvals.close({ id: 'expired' })).toBe(1);
    expect((await t.store.approvals.get('expired'))?.status).toBe('closed');

    await open('a', 'turn-2');
    await open('b', 'turn-2');
    await open('c', 'turn-3');
    expect(await t.store.approvals.answer('a', { decision: 'always' })).toBe(true);
    expect(await t.store.approvals.close({ turnId: 'turn-2' })).toBe(1);
    expect(await t.store.approvals.answer('b', { decision: 'allow' })).toBe(false);
    expect((await t.store.approvals.get('a'))?.answer).toEqual({ decision: 'always' });
    expect(await t.store.approvals.close('all')).toBe(1);
    expect((await t.store.approvals.get('c'))?.status).toBe('closed');
    expect(await t.store.approvals.answer('missing', { decision: 'allow' })).toBe(false);
  });

  it('goes with its conversation', async () => {
    await open('gone');
    await t.store.conversations.delete(t.conversationId);
    expect(await t.store.approvals.get('gone')).toBeUndefined();
  });
});
