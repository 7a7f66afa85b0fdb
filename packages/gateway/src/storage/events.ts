import type { Selectable } from 'kysely';
import { now, type StoreContext } from './context.js';
import type { EventsTable } from './schema.js';
import { nextSeq } from './sequence.js';
import type { Store, StoredEvent } from './types.js';

export function eventsRepository({ db, dialect, json }: StoreContext): Store['events'] {
  const toEvent = (row: Selectable<EventsTable>): StoredEvent => ({
    conversationId: row.conversation_id,
    turnId: row.turn_id,
    seq: row.seq,
    event: row.event,
    data: json.decode(row.data),
    createdAt: row.created_at,
  });

  return {
    append(input) {
      return db.transaction().execute(async (trx) => {
        const seq = await nextSeq(trx, dialect, 'events', input.conversationId);
        const stored: StoredEvent = {
          conversationId: input.conversationId,
          turnId: input.turnId,
          seq,
          event: input.event,
          data: input.data ?? null,
          createdAt: now(),
        };
        await trx
          .insertInto('events')
          .values({
            conversation_id: stored.conversationId,
            seq,
            turn_id: stored.turnId,
            event: stored.event,
            data: json.encode(stored.data),
            created_at: stored.createdAt,
          })
          .execute();
        return stored;
      });
    },

    async listAfter(conversationId, afterSeq, turnId) {
      let query = db
        .selectFrom('events')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', afterSeq);
      if (turnId !== undefined) query = query.where('turn_id', '=', turnId);
      return (await query.orderBy('seq').execute()).map(toEvent);
    },
  };
}
