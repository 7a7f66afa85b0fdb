import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { now, type StoreContext } from './context.js';
import type { ConversationsTable } from './schema.js';
import type { Conversation, Store } from './types.js';

export function conversationsRepository({ db }: StoreContext): Store['conversations'] {
  return {
    async create(input) {
      const createdAt = now();
      const conversation: Conversation = {
        id: randomUUID(),
        title: input.title,
        model: input.model,
        apiKeyId: input.apiKeyId,
        createdAt,
        updatedAt: createdAt,
      };
      await db
        .insertInto('conversations')
        .values({
          id: conversation.id,
          title: conversation.title,
          model: conversation.model,
          api_key_id: conversation.apiKeyId,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .execute();
      return conversation;
    },

    async get(id) {
      const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toConversation(row);
    },

    // Newest activity first: appending a message moves a conversation to the top (see messages.ts).
    async list({ apiKeyId, limit }) {
      let query = db
        .selectFrom('conversations')
        .selectAll()
        .where('api_key_id', apiKeyId === null ? 'is' : '=', apiKeyId)
        .orderBy('updated_at', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('id');
      if (limit !== undefined) query = query.limit(limit);
      return (await query.execute()).map(toConversation);
    },

    // Always moves `updatedAt`, so an empty patch marks activity (the end of a turn).
    async update(id, patch) {
      const set: { title?: string; model?: string } = {};
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.model !== undefined) set.model = patch.model;
      const row = await db
        .updateTable('conversations')
        .set({ ...set, updated_at: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toConversation(row);
    },

    // Messages and events go with it by ON DELETE CASCADE; usage rows have no foreign key and stay.
    async delete(id) {
      const { numDeletedRows } = await db.deleteFrom('conversations').where('id', '=', id).executeTakeFirst();
      return numDeletedRows > 0n;
    },
  };
}

function toConversation(row: Selectable<ConversationsTable>): Conversation {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    apiKeyId: row.api_key_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
