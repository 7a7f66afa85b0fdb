import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Database, Dialect } from './schema.js';

/**
 * The schema as code, applied at start. Names sort in the order they run; a released migration is
 * never edited, only followed by a new one. Column types differ only where the databases do:
 * json and double precision on PostgreSQL, text and real on SQLite.
 *
 * json, not jsonb: jsonb refuses the escape \u0000, which model and tool output can contain, and
 * nothing queries inside these documents; json keeps the text as sent and still checks it is JSON.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  const json = dialect === 'postgres' ? sql`json` : sql`text`;
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('conversations')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('title', 'text', (col) => col.notNull())
          .addColumn('model', 'text', (col) => col.notNull())
          .addColumn('api_key_id', 'text')
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('updated_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema
          .createIndex('conversations_by_key')
          .on('conversations')
          .columns(['api_key_id', 'updated_at'])
          .execute();

        await db.schema
          .createTable('messages')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('conversation_id', 'text', (col) =>
            col.notNull().references('conversations.id').onDelete('cascade'),
          )
          .addColumn('seq', 'integer', (col) => col.notNull())
          .addColumn('role', 'text', (col) => col.notNull())
          .addColumn('content', json, (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('turn_id', 'text', (col) => col.notNull())
          .addColumn('usage', json)
          .addColumn('cost_usd', real)
          .addColumn('model', 'text')
          .addColumn('error', 'text')
          .addColumn('created_at', 'text', (col) => col.notNull())
          // Also the index for listing and for max(seq); a second writer that slipped past the lock fails here.
          .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
          .execute();

        await db.schema
          .createTable('events')
          .addColumn('conversation_id', 'text', (col) =>
            col.notNull().references('conversations.id').onDelete('cascade'),
          )
          .addColumn('seq', 'integer', (col) => col.notNull())
          .addColumn('turn_id', 'text', (col) => col.notNull())
          .addColumn('event', 'text', (col) => col.notNull())
          .addColumn('data', json, (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('events_pkey', ['conversation_id', 'seq'])
          .execute();

        await db.schema
          .createTable('usage')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('conversation_id', 'text')
          .addColumn('api_key_id', 'text')
          .addColumn('source', 'text', (col) => col.notNull())
          .addColumn('model', 'text', (col) => col.notNull())
          .addColumn('input_tokens', 'integer', (col) => col.notNull())
          .addColumn('output_tokens', 'integer', (col) => col.notNull())
          .addColumn('cache_read_input_tokens', 'integer', (col) => col.notNull())
          .addColumn('cache_write_input_tokens', 'integer', (col) => col.notNull())
          .addColumn('cost_usd', real, (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('day', 'text', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('usage_by_time').on('usage').column('created_at').execute();
        await db.schema
          .createIndex('usage_by_key')
          .on('usage')
          .columns(['api_key_id', 'created_at'])
          .execute();

        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull().unique())
          .addColumn('prefix', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('revoked_at', 'text')
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('scope', 'text', (col) => col.primaryKey())
          .addColumn('value', json, (col) => col.notNull())
          .addColumn('updated_at', 'text', (col) => col.notNull())
          .execute();
      },
    },
    // Pending tool approvals, so that any gateway on the database can answer one (see conversations/approvals.ts).
    '0002_approvals': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('approvals')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('conversation_id', 'text', (col) =>
            col.notNull().references('conversations.id').onDelete('cascade'),
          )
          .addColumn('turn_id', 'text', (col) => col.notNull())
          .addColumn('tool', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('decision', 'text')
          .addColumn('reason', 'text')
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('expires_at', 'text', (col) => col.notNull())
          .addColumn('answered_at', 'text')
          .execute();
        await db.schema
          .createIndex('approvals_by_turn')
          .on('approvals')
          .columns(['turn_id', 'status'])
          .execute();
      },
    },
    // The turn running in each conversation, so that every gateway on the database sees it (see conversations/turn-lease.ts).
    '0003_running_turns': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('running_turns')
          .addColumn('conversation_id', 'text', (col) =>
            col.primaryKey().references('conversations.id').onDelete('cascade'),
          )
          .addColumn('turn_id', 'text', (col) => col.notNull())
          .addColumn('started_at', 'text', (col) => col.notNull())
          .addColumn('lease_until', 'text', (col) => col.notNull())
          .addColumn('abort_requested_at', 'text')
          .execute();
      },
    },
  };
}

/** The bookkeeping tables, named so they cannot clash with another Kysely app's in a shared database. */
export const MIGRATION_TABLE = 'strata_migration';
const MIGRATION_LOCK_TABLE = 'strata_migration_lock';

/**
 * Brings the schema up to date; a no-op when it already is. Safe when several processes start at
 * once: on PostgreSQL Kysely's Migrator holds an advisory lock; on SQLite the migration runs in one
 * `BEGIN IMMEDIATE` transaction, which holds the write lock (see `sqlite.ts`).
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // The Migrator looks for its tables in every schema unless told one, so a database holding
    // several Strata schemas (one per test run, or per tenant) would find another's tables.
    migrationTableSchema: dialect === 'postgres' ? await currentSchema(db) : undefined,
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw error instanceof Error ? error : new Error(`database migration failed: ${String(error)}`);
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path of the database URL');
  return schema;
}
