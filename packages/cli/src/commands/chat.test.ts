import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, runStrata } from '../test-support/strata-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-chat-'));
const script = join(dir, 'rules.json');
writeFileSync(
  script,
  JSON.stringify({
    rules: [
      {
        match: { lastUserText: '^make a note$', hasToolResult: false },
        reply: {
          text: 'Saving.',
          toolCalls: [{ name: 'Write', input: { path: 'note.txt', content: 'noted' } }],
        },
      },
      { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Tool said: $1' } },
      {
        match: { lastUserText: '^slowly' },
        reply: { text: 'alpha beta gamma '.repeat(70) },
        fault: 'slow;ms=100',
      },
    ],
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real binary with no AWS credentials, feeding `input` on stdin (a pipe, not a TTY). */
const chat = (args: string[], input?: string) =>
  runStrata(['chat', ...args], {
    cwd: dir,
    env: isolatedEnv(dir),
    ...(input !== undefined ? { input } : {}),
  });

/**
 * The REPL in a real terminal: `script` (util-linux) gives the binary a pseudo-terminal, as a person's
 * shell would, so readline, the prompt and Ctrl-C behave as they do for a user.
 */
function terminal(args: string[], env: Record<string, string> = {}) {
  const command = [process.execPath, BIN, 'chat', ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: dir,
    env: isolatedEnv(dir, { TERM: 'dumb', ...env }),
  });
  let screen = '';
  child.stdout.on('data', (c) => (screen += c));
  return {
    exit: once(child, 'exit').then(([code]) => code as number | null),
    type: (line: string) => child.stdin.write(`${line}\r`),
    interrupt: () => child.stdin.write('\x03'),
    async waitFor(what: string | RegExp, timeoutMs = 15_000): Promise<void> {
      const started = Date.now();
      let from = 0;
      while (!(typeof what === 'string' ? screen.includes(what, from) : what.test(screen))) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting for ${String(what)}; the screen was:\n${screen}`);
        await new Promise((r) => setTimeout(r, 20));
        from = 0;
      }
      // Later waits look only at what comes after this point.
      screen = screen.slice(
        screen.search(
          typeof what === 'string' ? new RegExp(what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : what,
        ),
      );
    },
  };
}

describe('strata chat', () => {
  it('answers a one-shot question, plainly, and says the emulator answered', async () => {
    const { code, stdout, stderr } = await chat(['--model', 'claude-haiku-3', 'What', 'is', 'Bedrock?']);
    expect(code).toBe(0);
    expect(stdout).toBe('What is Bedrock?\n');
    expect(stderr).toMatch(/built-in Bedrock emulator: replies are emulated \(no AWS credentials found/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('reads the question from standard input', async () => {
    const { stdout } = await chat(['--model', 'claude-haiku-3'], 'piped question\n');
    expect(stdout).toBe('piped question\n');
  });

  it('runs a REPL in a terminal: streams, asks for approval, /cost, /save, Ctrl-C, /exit', async () => {
    const saved = join(dir, 'history.json');
    const repl = terminal(['--emulator', '--script', script, '--model', 'claude-haiku-3']);
    await repl.waitFor('› ');
    repl.type('hello repl');
    await repl.waitFor(/hello repl\r?\n[\s\S]*› /);
    repl.type('make a note');
    await repl.waitFor('[y]es / [n]o / [a]lways');
    repl.type('y');
    await repl.waitFor(/Tool said: Created note\.txt/);
    await repl.waitFor(/› $/);
    repl.type('/cost');
    await repl.waitFor(/\d+ tokens in, \d+ out, \$0\.\d{6} this session/);
    repl.type(`/save ${saved}`);
    await repl.waitFor('saved 6 messages');
    repl.interrupt();
    await repl.waitFor('press Ctrl-C again');
    repl.type('/exit');
    expect(await repl.exit).toBe(0);
    expect(readFileSync(join(dir, 'note.txt'), 'utf8')).toBe('noted');
    expect((JSON.parse(readFileSync(saved, 'utf8')) as { messages: unknown[] }).messages).toHaveLength(6);
  });

  it('Ctrl-C stops a turn that is streaming, and the REPL goes on', async () => {
    const repl = terminal(['--emulator', '--script', script, '--model', 'claude-haiku-3']);
    await repl.waitFor('› ');
    repl.type('slowly, please');
    await repl.waitFor(/alpha beta gamma alpha/);
    repl.interrupt();
    await repl.waitFor('(stopped)');
    repl.type('/exit');
    expect(await repl.exit).toBe(0);
  });
});
