import { Command } from 'commander';
import type { Settings } from '../config/settings.js';
import { formatTable } from '../output/table.js';
import { withStore } from '../store/with-store.js';

const storeOptions = (command: Command) =>
  command
    .option('--data-dir <dir>', "the gateway's data directory (default: the data-dir setting)")
    .option('--database <url>', 'postgres://… (or DATABASE_URL)');

export function keysCommand(settings: Settings): Command {
  const keys = new Command('keys').description(
    'API keys for the gateway (stored as hashes; a key is shown once).',
  );
  keys.addCommand(
    storeOptions(new Command('create').argument('<name>', 'who or what the key is for')).action(
      async (name: string, flags) => {
        const { generateKey, hashKey } = await import('@strata/gateway');
        const key = generateKey();
        const record = await withStore(settings, flags, (store) =>
          store.keys.create({ name, hash: hashKey(key), prefix: key.slice(0, 14) }),
        );
        process.stdout.write(`${key}\n`);
        process.stderr.write(
          `Created key ${record.id} (${name}). Keep it now: it is not stored and cannot be shown again.\n`,
        );
      },
    ),
  );
  keys.addCommand(
    storeOptions(new Command('list').option('--json', 'print JSON')).action(async (flags) => {
      const list = await withStore(settings, flags, (store) => store.keys.list());
      if (flags.json)
        return void process.stdout.write(
          `${JSON.stringify(
            list.map(({ hash: _h, ...k }) => k),
            null,
            2,
          )}\n`,
        );
      process.stdout.write(
        formatTable(
          ['id', 'name', 'prefix', 'created', 'revoked'],
          list.map((k) => [k.id, k.name, `${k.prefix}…`, k.createdAt, k.revokedAt ?? '']),
        ),
      );
    }),
  );
  keys.addCommand(
    storeOptions(new Command('revoke').argument('<id>', 'the key id (see strata keys list)')).action(
      async (id: string, flags) => {
        const revoked = await withStore(settings, flags, (store) => store.keys.revoke(id));
        if (!revoked) throw new Error(`No active key ${id}.`);
        process.stdout.write(`Revoked ${id}.\n`);
      },
    ),
  );
  return keys;
}
