import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';
import { writeTool } from './write.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

describe('Write', () => {
  const write = writeTool();

  it('is dangerous and reports its path', () => {
    expect(write.dangerous).toBe(true);
    expect(write.paths?.({ path: 'a/b.txt', content: '' })).toEqual(['a/b.txt']);
  });

  it('creates parent directories and reports the bytes written', async () => {
    expect(await write.execute({ path: 'a/b/c.txt', content: 'héllo' }, ws.context)).toBe(
      'Created a/b/c.txt (6 bytes written).',
    );
    expect(await readFile(join(ws.root, 'a/b/c.txt'), 'utf8')).toBe('héllo');
    expect(await write.execute({ path: 'a/b/c.txt', content: '' }, ws.context)).toBe(
      'Overwrote a/b/c.txt (0 bytes written).',
    );
  });

  it('refuses directories and escapes', async () => {
    await ws.write({ 'dir/x': '' });
    await symlink(ws.outside, join(ws.root, 'out'));
    await expect(write.execute({ path: 'dir', content: 'x' }, ws.context)).rejects.toThrow(
      /dir is a directory/,
    );
    await expect(write.execute({ path: '../escape.txt', content: 'x' }, ws.context)).rejects.toThrow(
      /outside the workspace/,
    );
    await expect(write.execute({ path: 'out/new/file.txt', content: 'x' }, ws.context)).rejects.toThrow(
      /through a symbolic link/,
    );
  });

  it('validates its input', async () => {
    await expect(write.execute({ path: 'a.txt' }, ws.context)).rejects.toThrow('`content` is required.');
    await expect(write.execute({ path: 'a.txt', content: 42 }, ws.context)).rejects.toThrow(
      '`content` must be a string.',
    );
  });
});
