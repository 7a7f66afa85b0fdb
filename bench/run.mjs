// `npm run bench [-- --quick]`: the emulator's throughput, the client library's cost, then what the
// gateway adds over the library. Each runs in its own process so none inherits another's JIT state,
// pools or garbage.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
for (const file of ['emulator.mjs', 'library.mjs', 'gateway.mjs']) {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const { status } = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (status !== 0) process.exitCode = 1;
}
