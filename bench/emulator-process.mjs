// The emulator as its own process (the real CLI), so the bench process's CPU clock counts only the
// client side of each exchange.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));

/** Starts `strata emulator --port 0 …args` and resolves with its URL once it listens. */
export async function startEmulatorProcess(args = []) {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk;
      const match = /listening on (\S+)/.exec(buffer);
      if (match) {
        // Keep draining stdout (rather than closing the pipe) so a later write cannot fail with EPIPE.
        child.stdout.off('data', onData).resume();
        resolve(match[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`the emulator exited (code ${code}) before listening`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
