import type { Store } from '@strata/gateway';
import type { Settings } from '../config/settings.js';

/**
 * Opens the gateway's database — where `strata serve` with the same settings keeps it — for one piece of
 * work, and closes it.
 */
export async function withStore<T>(
  settings: Settings,
  flags: { dataDir?: string; database?: string },
  run: (store: Store) => Promise<T>,
): Promise<T> {
  // The gateway (and its database drivers) load only for the commands that open its database.
  const { databaseTarget, openStore } = await import('@strata/gateway');
  const database = settings.get('database', flags.database);
  const store = await openStore(
    databaseTarget({ dataDir: settings.need('data-dir', flags.dataDir), ...(database ? { database } : {}) }),
  );
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}
