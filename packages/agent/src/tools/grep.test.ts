import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grepTool } from './grep.js';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
  await ws.write({
    '.gitignore': 'dist/\n*.log\n',
    'src/a.ts': 'export const needle = 1;\nconst other = 2;\n',
    'src/b.js': '// Needle in a comment\n',
    'src/gen/.gitignore': 'generated.ts\n!keep.log\n',
    'src/gen/generated.ts': 'const needle = "generated";\n',
    'src/gen/kept.ts': 'const needle = "kept";\n',
    'src/gen/keep.log': 'needle in a re-included log\n',
    'dist/out.js': 'needle in build output\n',
    'debug.log': 'needle in a log\n',
    'node_modules/pkg/index.js': 'needle in a dependency\n',
    '.git/HEAD': 'needle in git\n',
  });
});
afterEach(() => ws.cleanup());

describe('Grep', () => {
  const grep = grepTool();

  it('is read-only and reports its search root', () => {
    expect(grep.readOnly).toBe(true);
    expect(grep.paths?.({ pattern: 'x' })).toEqual(['.']);
    expect(grep.paths?.({ pattern: 'x', path: 'src/' })).toEqual(['src']);
  });

  it('finds matches as path:line: text, honouring root and nested .gitignore files', async () => {
    const out = await grep.execute({ pattern: 'needle' }, ws.context);
    expect(out).toBe(
      [
        'src/a.ts:1: export const needle = 1;',
        'src/gen/keep.log:1: needle in a re-included log',
        'src/gen/kept.ts:1: const needle = "kept";',
      ].join('\n'),
    );
  });

  it('matches case-insensitively, within a sub-path and by glob', async () => {
    const out = (await grep.execute(
      { pattern: 'needle', ignore_case: true, path: 'src' },
      ws.context,
    )) as string;
    expect(out).toContain('src/b.js:1: // Needle in a comment');
    expect(await grep.execute({ pattern: 'needle', ignore_case: true, glob: '*.js' }, ws.context)).toBe(
      'src/b.js:1: // Needle in a comment',
    );
    expect(await grep.execute({ pattern: 'other', path: 'src/a.ts' }, ws.context)).toBe(
      'src/a.ts:2: const other = 2;',
    );
  });

  it('searches an ignored directory when it is named explicitly', async () => {
    expect(await grep.execute({ pattern: 'needle', path: 'dist' }, ws.context)).toBe(
      'dist/out.js:1: needle in build output',
    );
  });

  it('caps the matches and says so', async () => {
    await ws.write({ 'many.txt': Array.from({ length: 50 }, (_, i) => `hit ${i}`).join('\n') });
    const out = (await grep.execute({ pattern: '^hit', max_results: 3 }, ws.context)) as string;
    expect(out.split('\n').slice(0, 3)).toEqual([
      'many.txt:1: hit 0',
      'many.txt:2: hit 1',
      'many.txt:3: hit 2',
    ]);
    expect(out).toContain('[Showing the first 3 matches; there are more.');
  });

  it('skips binary files, cuts long lines around the match and says when nothing matched', async () => {
    await writeFile(join(ws.root, 'blob.bin'), Buffer.from('needle\0binary'));
    await ws.write({ 'min.js': `${'a'.repeat(2000)}needle${'b'.repeat(2000)}` });
    const out = (await grep.execute({ pattern: 'needle', glob: '*.{bin,js}' }, ws.context)) as string;
    expect(out).toMatch(/^min\.js:1: …a{100}needleb{394}…$/);
    expect(out).not.toContain('blob.bin');
    expect(await grep.execute({ pattern: 'absent' }, ws.context)).toMatch(
      /^No matches for \/absent\/ in \. \(\d+ file\(s\) searched\)\.$/,
    );
  });

  it('does not follow symbolic links out of the workspace', async () => {
    await symlink(ws.outside, join(ws.root, 'out'));
    await symlink(join(ws.outside, 'secret.txt'), join(ws.root, 'secret-link.txt'));
    expect(await grep.execute({ pattern: 'secret' }, ws.context)).toMatch(/^No matches/);
    await expect(grep.execute({ pattern: 'secret', path: 'out' }, ws.context)).rejects.toThrow(
      /symbolic link/,
    );
  });

  it('reports invalid regular expressions and bad globs', async () => {
    await expect(grep.execute({ pattern: '(unclosed' }, ws.context)).rejects.toThrow(
      /^Invalid regular expression: .*Unterminated group/,
    );
    await expect(grep.execute({ pattern: 'x', glob: '../*' }, ws.context)).rejects.toThrow(/`\.\.` segment/);
    await expect(grep.execute({ pattern: 'x', path: 'missing' }, ws.context)).rejects.toThrow(
      'missing does not exist.',
    );
  });
});
