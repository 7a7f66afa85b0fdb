// Smoke test of the whole benchmark: a quick run must produce a number for every figure of every
// contender. It never looks at a timing — those depend on the machine, and never fail anything.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

interface Value {
  median?: number;
  error?: string;
}
interface Part {
  name: string;
  contenders: { key: string; baseline?: boolean }[];
  figures: { id: string; values: Record<string, Value> }[];
}

const RUN = fileURLToPath(new URL('./run.mjs', import.meta.url));
const out = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('gives every contender a number for every figure', { timeout: 300_000 }, async () => {
    await promisify(execFile)(process.execPath, [RUN, '--quick', '--out', out], {
      maxBuffer: 64 * 2 ** 20,
    });
    const results = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8')) as { parts: Part[] };
    expect(results.parts.map((p) => p.name)).toEqual([
      'library',
      'memory',
      'resilience',
      'gateway',
      'protocols',
      'emulator',
    ]);
    const missing: string[] = [];
    for (const part of results.parts) {
      for (const figure of part.figures) {
        for (const contender of part.contenders) {
          const value = figure.values[contender.key];
          // A baseline (the library alone, beside the gateways) has only the figures that apply to it.
          if (value === undefined && contender.baseline) continue;
          if (!Number.isFinite(value?.median)) {
            missing.push(`${part.name} ${figure.id} ${contender.key}: ${value?.error ?? 'no figure'}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(readFileSync(path.join(out, 'latest.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readFileSync(path.join(out, 'latest.md'), 'utf8')).toContain('| figure |');
  });
});
