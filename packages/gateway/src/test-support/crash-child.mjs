// A gateway in its own process, for the crash-safety test: on the SQLite file given in argv[2], its
// emulator streaming slowly, so the test can kill -9 it in the middle of a turn.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBedrock } from '@strata/bedrock';
import { startEmulator } from '@strata/emulator';
import { createGateway, openStore } from '@strata/gateway';

const dir = process.argv[2];
mkdirSync(join(dir, 'workspace'), { recursive: true });
const emulator = await startEmulator({ port: 0, streamDelayMs: 40 });
const store = await openStore({ kind: 'sqlite', path: join(dir, 'strata.db') });
const bedrock = createBedrock({
  endpoint: emulator.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const gateway = await createGateway({ store, bedrock, workspace: join(dir, 'workspace'), tools: [] });
process.stdout.write(`${await gateway.listen(0, '127.0.0.1')}\n`);
