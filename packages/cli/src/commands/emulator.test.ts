import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built binary, as `npx strata` runs it (npm test builds first). */
const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

function strata(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
}

async function output(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

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
    const { code, stdout } = await output(strata('--help'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: strata/);
    expect(stdout).toMatch(/emulator/);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await output(strata('--version'));
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('emulator --help shows every flag with examples', async () => {
    const { stdout } = await output(strata('emulator', '--help'));
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
    const { code, stderr } = await output(strata('emulator', '--port', 'many'));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--port.*must be a port number/);
  });

  it('a bad fault spec stops startup with the reason', async () => {
    const { code, stderr } = await output(strata('emulator', '--port', '0', '--faults', 'meteor=0.5'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Unknown fault "meteor"/);
  });
});
