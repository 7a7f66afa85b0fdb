import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { outputOf, startStrata } from '../test-support/strata-bin.js';

const strata = (...args: string[]) => startStrata(args, { env: { ...process.env, NO_COLOR: '1' } });

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) resolve(buffer.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

describe('strata', () => {
  it('--help lists the emulator command', async () => {
    const { code, stdout } = await outputOf(strata('--help'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: strata/);
    expect(stdout).toMatch(/emulator/);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await outputOf(strata('--version'));
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('emulator --help shows every flag with examples', async () => {
    const { stdout } = await outputOf(strata('emulator', '--help'));
    for (const flag of [
      '--host',
      '--port',
      '--script',
      '--faults',
      '--seed',
      '--access-key-id',
      '--any-credentials',
      '--record',
      '--upstream',
      '--replay',
      '--tls',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('Examples:');
  });

  it('emulator --port 0 prints its address, serves requests and stops cleanly on SIGTERM', async () => {
    const child = strata('emulator', '--port', '0');
    const line = await firstLine(child);
    expect(line).toMatch(/^Strata Bedrock emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice(line.lastIndexOf(' ') + 1);
    const res = await fetch(`${url}/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer ABSKEXAMPLEemulatortest0001', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'from the CLI' }] }] }),
    });
    expect(
      ((await res.json()) as { output: { message: { content: { text: string }[] } } }).output.message
        .content[0]?.text,
    ).toBe('from the CLI');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('a bad flag value is a clear error and a non-zero exit', async () => {
    const { code, stderr } = await outputOf(strata('emulator', '--port', 'many'));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--port.*must be a port number/);
  });

  it('a bad fault spec stops startup with the reason', async () => {
    const { code, stderr } = await outputOf(strata('emulator', '--port', '0', '--faults', 'meteor=0.5'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Unknown fault "meteor"/);
  });
});
