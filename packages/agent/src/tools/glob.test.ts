import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { globTool } from './glob.js';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
  await ws.write({
    '.gitignore': 'build/\n',
    'README.md': '',
    'src/a.ts': '',
    'src/z.ts': '',
    'src/lib/b.ts': '',
    'src/lib/.gitignore': 'secret.ts\n',
    'src/lib/secret.ts': '',
    '.github/ci.yml': '',
    'build/out.ts': '',
    'node_modules/x/index.ts': '',
  });
});
afterEach(() => ws.cleanup());

describe('Glob', () => {
  const glob = globTool();

  it('is read-only and reports its search root', () => {
    expect(glob.readOnly).toBe(true);
    expect(glob.paths?.({ pattern: '*' })).toEqual(['.']);
  });

  it('lists matching files sorted, skipping ignored ones, node_modules and .git', async () => {
    expect(await glob.execute({ pattern: '**/*.ts' }, ws.context)).toBe('src/a.ts\nsrc/lib/b.ts\nsrc/z.ts');
    expect(await glob.execute({ pattern: '*.md' }, ws.context)).toBe('README.md');
    expect(await glob.execute({ pattern: '**/*.yml' }, ws.context)).toBe('.github/ci.yml');
  });

  it('searches under a path, giving workspace-relative results', async () => {
    expect(await glob.execute({ pattern: '*.ts', path: 'src/lib' }, ws.context)).toBe('src/lib/b.ts');
    expect(await glob.execute({ pattern: '*.nothing' }, ws.context)).toBe('No files match "*.nothing" in ..');
  });

  it('caps long listings', async () => {
    await ws.write(
      Object.fromEntries(
        Array.from({ length: 510 }, (_, i) => [`many/f${String(i).padStart(3, '0')}.txt`, '']),
      ),
    );
    const out = (await glob.execute({ pattern: 'many/*.txt' }, ws.context)) as string;
    expect(out.split('\n')).toHaveLength(501);
    expect(out).toContain('[Showing the first 500 of 510 matching files.');
  });

  it('refuses patterns and paths that leave the workspace', async () => {
    await symlink(ws.outside, join(ws.root, 'out'));
    await expect(glob.execute({ pattern: '/etc/*' }, ws.context)).rejects.toThrow(/it is absolute/);
    await expect(glob.execute({ pattern: '../**' }, ws.context)).rejects.toThrow(/`\.\.` segment/);
    await expect(glob.execute({ pattern: 'src/{..,x}/*' }, ws.context)).rejects.toThrow(/`\.\.` segment/);
    await expect(glob.execute({ pattern: '*', path: '..' }, ws.context)).rejects.toThrow(
      /outside the workspace/,
    );
    await expect(glob.execute({ pattern: '*', path: 'out' }, ws.context)).rejects.toThrow(/symbolic link/);
    expect(await glob.execute({ pattern: 'out/**' }, ws.context)).toMatch(/^No files match/);
    await expect(glob.execute({ pattern: '*', path: 'README.md' }, ws.context)).rejects.toThrow(/is a file/);
  });
});
