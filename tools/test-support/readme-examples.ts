import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, type ScriptFile, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, vi } from 'vitest';

/** The ```ts blocks of a README, in order. */
export function tsExamples(readme: URL): string[] {
  return [...readFileSync(readme, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

export interface ReadmeRun {
  /** A scratch directory the examples may use as their working directory. */
  readonly dir: string;
  /**
   * Runs one example as a reader would: written to a file with its package imports pointed at the
   * sources (`replacements`: text → replacement), imported, and what it printed with console.log
   * returned, one entry per call.
   */
  run(name: string, code: string, replacements: Record<string, string>): Promise<unknown[][]>;
}

/**
 * Registers beforeAll/afterAll hooks that start an emulator playing `script` and point the AWS
 * environment at it (endpoint, test credentials, region), so README examples run unmodified.
 */
export function readmeHarness(script: ScriptFile): ReadmeRun {
  let emulator: RunningEmulator | undefined;
  let dir = '';
  const saved = { ...process.env };
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, script });
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
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async run(name, code, replacements) {
      let source = code;
      for (const [from, to] of Object.entries(replacements)) source = source.replaceAll(from, to);
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, `${source}\nexport {};\n`);
      const lines: unknown[][] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
      const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        await import(file);
      } finally {
        log.mockRestore();
        write.mockRestore();
      }
      return lines;
    },
  };
}
