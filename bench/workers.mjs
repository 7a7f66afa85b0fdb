// The parent side of contender-worker.mjs: a library contender in a child process, given jobs one at
// a time. The child has --expose-gc, for the memory figures.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./contender-worker.mjs', import.meta.url));

/**
 * Starts a worker for `contender` (a key of CONTENDERS) against `url`, resolving once it is ready.
 * `options` (`retries`) go to the contender's factory.
 */
export async function startWorker(contender, { url, ...options }) {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  // Contenders get their credentials explicitly; an API key in the environment would change their auth.
  delete env.AWS_BEARER_TOKEN_BEDROCK;
  const child = fork(WORKER, [JSON.stringify({ contender, url, ...options })], {
    execArgv: ['--expose-gc'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map();
  child.on('message', ({ id, result, error }) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (error !== undefined) waiter?.reject(new Error(error));
    else waiter?.resolve(result);
  });
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${contender} worker exited (${code})`));
    pending.clear();
  });
  const run = (job, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      if (id > 0) child.send({ id, job, ...params });
    });
  await run('ready');
  return {
    run,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.disconnect();
        await exited;
      }
    },
  };
}
