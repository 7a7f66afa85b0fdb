import { afterEach, beforeEach, vi } from 'vitest';
import { openStore } from '../open-store.js';
import type { Store } from '../types.js';
import type { TestDatabase, TestDialect } from './databases.js';

export interface FreshStore {
  readonly database: TestDatabase;
  /** Writable so a test can close and reopen it; whatever is here at the end is closed. */
  store: Store;
}

export interface StoreWithConversation extends FreshStore {
  readonly conversationId: string;
}

/** Registers hooks that give each test a fresh database and its store (and real timers after it). */
export function freshStore(dialect: TestDialect): FreshStore {
  const state = {} as { database: TestDatabase; store: Store };
  beforeEach(async () => {
    state.database = await dialect.create();
    state.store = await openStore(state.database.target);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await state.store.close();
    await state.database.dispose();
  });
  return state;
}

/** As freshStore, with one conversation made in the store before each test. */
export function storeWithConversation(dialect: TestDialect): StoreWithConversation {
  const state = freshStore(dialect) as FreshStore & { conversationId: string };
  beforeEach(async () => {
    state.conversationId = (
      await state.store.conversations.create({ title: 't', model: 'm', apiKeyId: null })
    ).id;
  });
  return state;
}
