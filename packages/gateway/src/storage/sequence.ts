import type { Transaction } from 'kysely';
import type { Database, Dialect } from './schema.js';

/**
 * Locks the conversation and returns the next `seq` of its messages or events. Call it first inside
 * the transaction that inserts the row, so two gateways appending at once queue up instead of both
 * reading the same max: PostgreSQL takes a row lock (`FOR NO KEY UPDATE`, which still lets foreign-key
 * checks through); SQLite transactions already start with `BEGIN IMMEDIATE` (see `sqlite.ts`), which
 * holds the database's single write lock.
 */
export async function nextSeq(
  trx: Transaction<Database>,
  dialect: Dialect,
  table: 'messages' | 'events',
  conversationId: string,
): Promise<number> {
  let lock = trx.selectFrom('conversations').select('id').where('id', '=', conversationId);
  if (dialect === 'postgres') lock = lock.forNoKeyUpdate();
  if (!(await lock.executeTakeFirst())) throw new Error(`conversation ${conversationId} not found`);
  const { last } = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return Number(last ?? 0) + 1;
}
