import { afterEach, beforeEach } from 'vitest';
import { openStore } from '../open-store.js';
import type { Store } from '../types.js';
import type { TestDatabase, TestDialect } from './databases.js';

export interface StoreWithConversation {
  readonly database: TestDatabase;
  readonly store: Store;
  readonly conversationId: string;
}

/** Registers hooks that give each test a fresh database, its store, and one conversation in it. */
export function storeWithConversation(dialect: TestDialect): StoreWithConversation {
  const state = {} as { database: TestDatabase; store: Store; conversationId: string };
  beforeEach(async () => {
    state.database = await dialect.create();
    state.store = await openStore(state.database.target);
    state.conversationId = (
      await state.store.conversations.create({ title: 't', model: 'm', apiKeyId: null })
    ).id;
  });
  afterEach(async () => {
    await state.store.close();
    await state.database.dispose();
  });
  return state;
}
