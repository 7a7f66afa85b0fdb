import { randomUUID } from 'node:crypto';
import type { ContentBlock, Usage } from '@strata/bedrock';
import type { Selectable, Updateable } from 'kysely';
import { now, type StoreContext } from './context.js';
import type { MessagesTable } from './schema.js';
import { nextSeq } from './sequence.js';
import type { Store, StoredMessage } from './types.js';

export function messagesRepository({ db, dialect, json }: StoreContext): Store['messages'] {
  const toMessage = (row: Selectable<MessagesTable>): StoredMessage => ({
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    role: row.role,
    content: json.decode(row.content) as ContentBlock[],
    status: row.status,
    turnId: row.turn_id,
    usage: row.usage === null ? null : (json.decode(row.usage) as Usage),
    costUsd: row.cost_usd,
    model: row.model,
    error: row.error,
    createdAt: row.created_at,
  });

  return {
    append(input) {
      return db.transaction().execute(async (trx) => {
        const seq = await nextSeq(trx, dialect, 'messages', input.conversationId);
        // Taken after the lock, so timestamps follow `seq` order.
        const createdAt = now();
        const message: StoredMessage = {
          id: randomUUID(),
          conversationId: input.conversationId,
          seq,
          role: input.role,
          content: input.content,
          status: input.status,
          turnId: input.turnId,
          usage: input.usage,
          costUsd: input.costUsd,
          model: input.model,
          error: input.error,
          createdAt,
        };
        await trx
          .insertInto('messages')
          .values({
            id: message.id,
            conversation_id: message.conversationId,
            seq,
            role: message.role,
            content: json.encode(message.content),
            status: message.status,
            turn_id: message.turnId,
            usage: message.usage === null ? null : json.encode(message.usage),
            cost_usd: message.costUsd,
            model: message.model,
            error: message.error,
            created_at: createdAt,
          })
          .execute();
        await trx
          .updateTable('conversations')
          .set({ updated_at: createdAt })
          .where('id', '=', message.conversationId)
          .execute();
        return message;
      });
    },

    async update(id, patch) {
      const set: Updateable<MessagesTable> = {};
      if (patch.content !== undefined) set.content = json.encode(patch.content);
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.usage !== undefined) set.usage = patch.usage === null ? null : json.encode(patch.usage);
      if (patch.costUsd !== undefined) set.cost_usd = patch.costUsd;
      if (patch.model !== undefined) set.model = patch.model;
      if (patch.error !== undefined) set.error = patch.error;
      if (Object.keys(set).length === 0) return;
      await db.updateTable('messages').set(set).where('id', '=', id).execute();
    },

    async failInterrupted(reason) {
      const result = await db
        .updateTable('messages')
        .set({ status: 'failed', error: reason })
        .where('status', '=', 'streaming')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async list(conversationId) {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('seq')
        .execute();
      return rows.map(toMessage);
    },
  };
}
