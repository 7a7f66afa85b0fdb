import type { Selectable } from 'kysely';
import { now, type StoreContext } from './context.js';
import type { RunningTurnsTable } from './schema.js';
import type { RunningTurn, Store } from './types.js';

const toTurn = (row: Selectable<RunningTurnsTable>): RunningTurn => ({
  conversationId: row.conversation_id,
  turnId: row.turn_id,
  startedAt: row.started_at,
  leaseUntil: row.lease_until,
  abortRequested: row.abort_requested_at !== null,
});

export function turnsRepository({ db }: StoreContext): Store['turns'] {
  return {
    async start({ conversationId, turnId, leaseUntil }) {
      const at = now();
      const previous = await db
        .selectFrom('running_turns')
        .select('turn_id')
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      // One statement decides, so of two gateways starting at once exactly one gets the row: the insert,
      // or the update that is allowed only over an expired lease.
      const claimed = await db
        .insertInto('running_turns')
        .values({
          conversation_id: conversationId,
          turn_id: turnId,
          started_at: at,
          lease_until: leaseUntil,
          abort_requested_at: null,
        })
        .onConflict((oc) =>
          oc
            .column('conversation_id')
            .doUpdateSet({
              turn_id: turnId,
              started_at: at,
              lease_until: leaseUntil,
              abort_requested_at: null,
            })
            .where('running_turns.lease_until', '<=', at),
        )
        .returning('turn_id')
        .executeTakeFirst();
      if (!claimed) return false;
      if (previous && previous.turn_id !== turnId) await abandon(previous.turn_id);
      return true;
    },

    async get(conversationId) {
      const row = await db
        .selectFrom('running_turns')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return row && toTurn(row);
    },

    async renew(conversationId, turnId, leaseUntil) {
      const result = await db
        .updateTable('running_turns')
        .set({ lease_until: leaseUntil })
        .where('conversation_id', '=', conversationId)
        .where('turn_id', '=', turnId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async requestAbort(conversationId) {
      const at = now();
      const result = await db
        .updateTable('running_turns')
        .set({ abort_requested_at: at })
        .where('conversation_id', '=', conversationId)
        .where('lease_until', '>', at)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async running(conversationIds) {
      if (conversationIds?.length === 0) return new Map();
      let query = db
        .selectFrom('running_turns')
        .select(['conversation_id', 'turn_id'])
        .where('lease_until', '>', now());
      if (conversationIds) query = query.where('conversation_id', 'in', conversationIds);
      const rows = await query.execute();
      return new Map(rows.map((row) => [row.conversation_id, row.turn_id]));
    },

    async finish(conversationId, turnId) {
      await db
        .deleteFrom('running_turns')
        .where('conversation_id', '=', conversationId)
        .where('turn_id', '=', turnId)
        .execute();
    },

    async clear() {
      return Number((await db.deleteFrom('running_turns').executeTakeFirst()).numDeletedRows);
    },
  };

  /** What a turn whose gateway stopped left behind: a reply still streaming, approvals nobody can use. */
  async function abandon(turnId: string): Promise<void> {
    await db
      .updateTable('messages')
      .set({ status: 'failed', error: 'The gateway running this turn stopped.' })
      .where('turn_id', '=', turnId)
      .where('status', '=', 'streaming')
      .execute();
    await db
      .updateTable('approvals')
      .set({ status: 'closed' })
      .where('turn_id', '=', turnId)
      .where('status', '=', 'pending')
      .execute();
  }
}
