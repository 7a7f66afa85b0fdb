import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bashTool } from './bash.js';
import { isError, type TempWorkspace, tempWorkspace, textOf } from './test-support/temp-workspace.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

/**
 * Whether a process is still running. A killed process whose parent died is a zombie until init
 * reaps it, and some container inits reap lazily; a zombie runs nothing, so it counts as gone.
 */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!running(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !running(pid);
}

const pidFile = () => `${ws.root}/child.pid`;
const childPid = () => Number(readFileSync(pidFile(), 'utf8').trim());

describe('Bash', () => {
  const bash = bashTool();

  it('is dangerous and has a strict schema', () => {
    expect(bash.dangerous).toBe(true);
    expect(bash.inputSchema).toMatchObject({ required: ['command'], additionalProperties: false });
  });

  it('runs in the workspace, combines stdout and stderr and reports the exit code', async () => {
    const out = await bash.execute({ command: 'pwd; echo oops >&2' }, ws.context);
    expect(out).toBe(`${ws.root}\noops\n\nExit code: 0`);
  });

  it('reports a non-zero exit as an error that still carries the output', async () => {
    const out = await bash.execute({ command: 'echo partial; exit 3' }, ws.context);
    expect(isError(out)).toBe(true);
    expect(textOf(out)).toBe('partial\n\nExit code: 3');
  });

  it('passes a clean environment: no secrets from the parent', async () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'leak-me';
    try {
      const out = textOf(await bash.execute({ command: 'env | sort' }, ws.context));
      expect(out).not.toContain('leak-me');
      expect(out).not.toContain('AWS_');
      expect(out).toContain(`HOME=${ws.root}`);
      expect(out).toContain('TERM=dumb');
      expect(out).toMatch(/^PATH=/m);
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it('closes stdin, so cat returns at once', async () => {
    const started = Date.now();
    const out = await bash.execute({ command: 'cat; echo done' }, ws.context);
    expect(textOf(out)).toBe('done\n\nExit code: 0');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('caps output, keeping the head and the tail', async () => {
    const small = bashTool({ outputCap: 100 });
    const out = textOf(await small.execute({ command: 'seq 1 10000' }, ws.context));
    expect(out.startsWith('1\n2\n3\n')).toBe(true);
    expect(out).toMatch(/\[… \d+ characters of output cut …\]/);
    expect(out).toContain('9999\n10000\n');
    expect(out.length).toBeLessThan(250);
  });

  it('kills the whole process group on timeout', async () => {
    const command = `sleep 30 & echo $! > ${pidFile()}; wait`;
    const out = await bash.execute({ command, timeout_ms: 500 }, ws.context);
    expect(isError(out)).toBe(true);
    expect(textOf(out)).toContain('Timed out after 500 ms; the command and its child processes were killed.');
    expect(await goneWithin(childPid(), 3000)).toBe(true);
  });

  it('kills the whole process group when the run is aborted', async () => {
    const controller = new AbortController();
    const context = { ...ws.context, signal: controller.signal };
    const pending = bash.execute(
      { command: `sleep 30 & echo $! > ${pidFile()}; echo started; wait` },
      context,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(running(childPid())).toBe(true);
    controller.abort();
    const out = await pending;
    expect(isError(out)).toBe(true);
    expect(textOf(out)).toMatch(/^started\n\nAborted after [\d.]+ s; the command and its child processes/);
    expect(await goneWithin(childPid(), 3000)).toBe(true);
  });

  it('stops background processes left behind when the command ends', async () => {
    const out = await bash.execute(
      { command: `sleep 30 >/dev/null 2>&1 & echo $! > ${pidFile()}` },
      ws.context,
    );
    expect(textOf(out)).toContain('Exit code: 0');
    expect(await goneWithin(childPid(), 3000)).toBe(true);
  });

  it('refuses a run that was aborted before it started, and bad timeouts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      bash.execute({ command: 'true' }, { ...ws.context, signal: controller.signal }),
    ).rejects.toThrow('Aborted before the command started.');
    await expect(bash.execute({ command: 'true', timeout_ms: 700_000 }, ws.context)).rejects.toThrow(
      '`timeout_ms` must be at most 600000.',
    );
  });
});
