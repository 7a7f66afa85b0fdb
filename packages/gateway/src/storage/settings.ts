import { now, type StoreContext } from './context.js';
import type { Store } from './types.js';

export function settingsRepository({ db, json }: StoreContext): Store['settings'] {
  return {
    // A scope never written reads as empty, so callers merge defaults the same way either way.
    async get(scope) {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('scope', '=', scope)
        .executeTakeFirst();
      return row ? (json.decode(row.value) as Record<string, unknown>) : {};
    },

    async put(scope, value) {
      const encoded = json.encode(value);
      const updatedAt = now();
      await db
        .insertInto('settings')
        .values({ scope, value: encoded, updated_at: updatedAt })
        .onConflict((conflict) =>
          conflict.column('scope').doUpdateSet({ value: encoded, updated_at: updatedAt }),
        )
        .execute();
    },
  };
}
