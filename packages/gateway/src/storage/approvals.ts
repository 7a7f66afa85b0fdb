import type { Selectable } from 'kysely';
import { now, type StoreContext } from './context.js';
import type { ApprovalsTable } from './schema.js';
import type { ApprovalAnswer, Store, StoredApproval } from './types.js';

export function approvalsRepository({ db }: StoreContext): Store['approvals'] {
  return {
    async open(input) {
      await db
        .insertInto('approvals')
        .values({
          id: input.id,
          conversation_id: input.conversationId,
          turn_id: input.turnId,
          tool: input.tool,
          status: 'pending',
          decision: null,
          reason: null,
          created_at: now(),
          expires_at: input.expiresAt,
          answered_at: null,
        })
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toApproval(row);
    },

    // One conditional UPDATE: of two gateways answering at once, or an answer racing the expiry, one wins.
    async answer(id, answer) {
      const at = now();
      const result = await db
        .updateTable('approvals')
        .set({
          status: 'answered',
          decision: answer.decision,
          reason: answer.decision === 'deny' ? (answer.reason ?? null) : null,
          answered_at: at,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async close(which) {
      let query = db.updateTable('approvals').set({ status: 'closed' }).where('status', '=', 'pending');
      if (which !== 'all')
        query = 'id' in which ? query.where('id', '=', which.id) : query.where('turn_id', '=', which.turnId);
      return Number((await query.executeTakeFirst()).numUpdatedRows);
    },
  };
}

function toApproval(row: Selectable<ApprovalsTable>): StoredApproval {
  let answer: ApprovalAnswer | null = null;
  if (row.decision === 'deny') answer = { decision: 'deny', ...(row.reason ? { reason: row.reason } : {}) };
  else if (row.decision) answer = { decision: row.decision };
  return {
    id: row.id,
    conversationId: row.conversation_id,
    turnId: row.turn_id,
    tool: row.tool,
    status: row.status,
    answer,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
