import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** The README's TypeScript examples, run against the emulator exactly as a reader would run them. */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const INDEX = new URL('./index.ts', import.meta.url).pathname;
const examples = [...README.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1] ?? '')
  .filter((code) => code.includes('@strata/bedrock'));

let emulator: RunningEmulator;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: {
      rules: [
        {
          match: { lastUserText: 'weather in (\\w+)', hasToolResult: false },
          reply: { toolCalls: [{ name: 'get_weather', input: { city: '$1' } }] },
        },
        { match: { hasToolResult: true }, reply: { text: 'It is clear and 21°C in Paris.' } },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'strata-readme-'));
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

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((code, i) => [i + 1, code] as const))(
    'example %i runs and prints',
    async (i, code) => {
      const file = join(dir, `example-${i}.ts`);
      writeFileSync(file, `${code.replaceAll("'@strata/bedrock'", `'${INDEX}'`)}\nexport {};\n`);
      const lines: unknown[][] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
      const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        await import(file);
      } finally {
        log.mockRestore();
        write.mockRestore();
      }
      expect(lines.length).toBeGreaterThan(0);
    },
  );
});
