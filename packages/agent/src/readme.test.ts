import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** The README's example, run against the emulator as a reader would run it (in a scratch workspace). */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const AGENT = new URL('./index.ts', import.meta.url).pathname;
const BEDROCK = new URL('../../bedrock/src/index.ts', import.meta.url).pathname;
const example = [...README.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1] ?? '')
  .find((code) => code.includes('runAgent({'));

let emulator: RunningEmulator;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: {
      rules: [
        {
          match: { lastUserText: 'Fix the failing test', hasToolResult: false },
          reply: { toolCalls: [{ name: 'get_weather', input: { city: 'Lisbon' } }] },
        },
        { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Weather checked: $1' } },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'strata-agent-readme-'));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
});
afterAll(async () => {
  process.env = saved;
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('README example', () => {
  it('runs a tool loop and reports the run', async () => {
    expect(example).toBeDefined();
    const file = join(dir, 'example.ts');
    const code = (example ?? '')
      .replaceAll("'@strata/agent'", `'${AGENT}'`)
      .replaceAll("'@strata/bedrock'", `'${BEDROCK}'`)
      .replaceAll('process.cwd()', JSON.stringify(dir));
    writeFileSync(file, `${code}\nexport {};\n`);
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await import(file);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(lines.some((l) => l.includes('get_weather'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\nend_turn after 2 calls, \$0\.\d{4}$/);
  });
});
