import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).split('\n'));
const workspaces = (JSON.parse(readFileSync(`${repo}/package.json`, 'utf8')) as { workspaces: string[] })
  .workspaces;

describe('workspace binaries', () => {
  // npm links a workspace's bins during `npm ci`, before the `prepare` build, and silently skips a bin
  // whose file does not exist yet — so a bin pointing into dist/ leaves a fresh clone without `strata`.
  it('point at files in the repository, not at build output', () => {
    const bins = workspaces.flatMap((dir) => {
      const { bin = {} } = JSON.parse(readFileSync(`${repo}/${dir}/package.json`, 'utf8')) as {
        bin?: Record<string, string>;
      };
      return Object.entries(bin).map(([name, file]) => ({
        name,
        file: `${dir}/${file.replace(/^\.\//, '')}`,
      }));
    });
    expect(bins.map((b) => b.name)).toContain('strata');
    for (const { name, file } of bins) expect(tracked.has(file), `${name} → ${file}`).toBe(true);
  });
});
