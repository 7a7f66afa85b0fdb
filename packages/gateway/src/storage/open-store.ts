import { type Kysely, sql } from 'kysely';
import { approvalsRepository } from './approvals.js';
import { conversationsRepository } from './conversations.js';
import { eventsRepository } from './events.js';
import { jsonCodec } from './json.js';
import { keysRepository } from './keys.js';
import { messagesRepository } from './messages.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import type { Database, Dialect } from './schema.js';
import { settingsRepository } from './settings.js';
import { openSqlite } from './sqlite.js';
import type { DatabaseTarget } from './target.js';
import { turnsRepository } from './turns.js';
import type { Store } from './types.js';
import { usageRepository } from './usage.js';

/** Connects, brings the schema up to date, and returns the store. */
export async function openStore(target: DatabaseTarget): Promise<Store> {
  const dialect: Dialect = target.kind;
  const db = target.kind === 'sqlite' ? await openSqlite(target.path) : openPostgres(target.url);
  try {
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createStore(db, dialect);
}

function createStore(db: Kysely<Database>, dialect: Dialect): Store {
  const context = { db, dialect, json: jsonCodec(dialect) };
  return {
    dialect,
    conversations: conversationsRepository(context),
    messages: messagesRepository(context),
    events: eventsRepository(context),
    approvals: approvalsRepository(context),
    turns: turnsRepository(context),
    usage: usageRepository(context),
    keys: keysRepository(context),
    settings: settingsRepository(context),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
