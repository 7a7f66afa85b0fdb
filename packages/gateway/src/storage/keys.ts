import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { now, type StoreContext } from './context.js';
import type { ApiKeysTable } from './schema.js';
import type { ApiKeyRecord, Store } from './types.js';

export function keysRepository({ db }: StoreContext): Store['keys'] {
  return {
    async create(input) {
      const key: ApiKeyRecord = {
        id: randomUUID(),
        name: input.name,
        hash: input.hash,
        prefix: input.prefix,
        createdAt: now(),
        revokedAt: null,
      };
      await db
        .insertInto('api_keys')
        .values({
          id: key.id,
          name: key.name,
          hash: key.hash,
          prefix: key.prefix,
          created_at: key.createdAt,
          revoked_at: null,
        })
        .execute();
      return key;
    },

    // Revoked keys stay listed (with `revokedAt`): usage records still name them.
    async list() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toKey);
    },

    /** True when this call revoked the key; false when there is no such key or it was already revoked. */
    async revoke(id) {
      const { numUpdatedRows } = await db
        .updateTable('api_keys')
        .set({ revoked_at: now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return numUpdatedRows > 0n;
    },

    async findByHash(hash) {
      const row = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && toKey(row);
    },
  };
}

function toKey(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    hash: row.hash,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
