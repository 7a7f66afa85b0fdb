// The emulator (and the gateway) as their own processes (the real CLI), so the bench process's CPU clock
// counts only the client side of each exchange.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));

/** Starts `strata …args` and resolves with the URL it prints once it listens. */
export async function startCliProcess(args, env = process.env) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
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
    child.once('exit', (code) =>
      reject(new Error(`strata ${args[0]} exited (code ${code}) before listening`)),
    );
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Starts `strata emulator --port 0 …args` and resolves with its URL once it listens. */
export function startEmulatorProcess(args = []) {
  return startCliProcess(['emulator', '--port', '0', ...args]);
}
