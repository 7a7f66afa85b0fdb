// The emulator, the gateways and the clients' workers run as their own processes, so the bench
// process's CPU clock and memory count only what each measures.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));
const HOST = fileURLToPath(new URL('./emulator-host.mjs', import.meta.url));
const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));

/** Asks a child with an IPC channel one question and resolves with its answer's `key`. */
function ask(child, message, key) {
  return new Promise((resolve, reject) => {
    const onMessage = (answer) => {
      if (answer?.[key] === undefined) return;
      child.off('message', onMessage).off('exit', onExit);
      resolve(answer[key]);
    };
    const onExit = (code) => reject(new Error(`child exited (code ${code}) before answering ${message}`));
    child.on('message', onMessage).once('exit', onExit);
    child.send(message);
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/**
 * Starts the emulator (`startEmulator(options)`) in a child process. Resolves with its URL, `stats()`
 * (its request counters), `stop()` and, with `tls: true`, `certificate` (the PEM clients must trust).
 */
export async function startEmulatorProcess(options = {}) {
  const child = fork(HOST, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited (code ${code}) before listening`)));
  });
  return {
    url: ready.url,
    certificate: ready.certificate,
    stats: () => ask(child, 'stats', 'stats'),
    stop: () => stopChild(child),
  };
}

/**
 * Starts a server process, `node [--expose-gc --import memory-probe.mjs] …args`, and resolves once
 * `ready` matches its stdout (its first group, when it has one, is the URL). With the probe loaded,
 * `memory()` reports the process's memory after a full GC. `stderr: 'ignore'` silences a chatty server.
 */
export async function startServerProcess({
  args,
  env = process.env,
  ready,
  url: knownUrl,
  stderr = 'inherit',
}) {
  const child = spawn(process.execPath, ['--expose-gc', '--import', PROBE, ...args], {
    stdio: ['ignore', 'pipe', stderr, 'ipc'],
    env,
  });
  // A server does not notice its parent's end: take it down with the bench, however the bench ends.
  const killChild = () => child.kill();
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk;
      const match = ready.exec(buffer);
      if (match) {
        // Keep draining stdout (rather than closing the pipe) so a later write cannot fail with EPIPE.
        child.stdout.off('data', onData).resume();
        resolve(match[1] ?? knownUrl);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited (code ${code}) before listening`)),
    );
  });
  return {
    url,
    memory: () => ask(child, 'memory', 'memory'),
    stop: () => stopChild(child),
  };
}

/** Starts `strata …args` (the real CLI) and resolves with the URL it prints once it listens. */
export function startCliProcess(args, env = process.env) {
  return startServerProcess({ args: [BIN, ...args], env, ready: /listening on (\S+)/ });
}
