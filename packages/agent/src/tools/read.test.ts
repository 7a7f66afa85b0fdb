import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTool } from './read.js';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

describe('Read', () => {
  const read = readTool();

  it('is read-only, has a strict schema and reports its path', () => {
    expect(read.readOnly).toBe(true);
    expect(read.dangerous).toBeUndefined();
    expect(read.inputSchema).toMatchObject({
      type: 'object',
      required: ['path'],
      additionalProperties: false,
    });
    expect(read.paths?.({ path: './src//a.ts' })).toEqual(['src/a.ts']);
  });

  it('numbers lines like cat -n', async () => {
    await ws.write({ 'a.txt': 'alpha\nbeta\n' });
    expect(await read.execute({ path: 'a.txt' }, ws.context)).toBe('     1\talpha\n     2\tbeta');
  });

  it('reads a window with offset and limit and says how to continue', async () => {
    await ws.write({ 'long.txt': lines(10) });
    const out = await read.execute({ path: 'long.txt', offset: 3, limit: 2 }, ws.context);
    expect(out).toBe(
      '     3\tline 3\n     4\tline 4\n[Showing lines 3-4 of 10. Call Read with offset=5 to read more.]',
    );
    expect(await read.execute({ path: 'long.txt', offset: 9 }, ws.context)).toBe(
      '     9\tline 9\n    10\tline 10',
    );
  });

  it('defaults to 2000 lines', async () => {
    await ws.write({ 'big.txt': lines(2500) });
    const out = (await read.execute({ path: 'big.txt' }, ws.context)) as string;
    expect(out).toContain('  2000\tline 2000\n[Showing lines 1-2000 of 2500. Call Read with offset=2001');
    expect(out).not.toContain('line 2001');
  });

  it('cuts very long lines and caps the characters of one result at whole lines', async () => {
    await ws.write({ 'wide.txt': `${'x'.repeat(5000)}\nshort\n` });
    const out = (await read.execute({ path: 'wide.txt' }, ws.context)) as string;
    expect(out).toContain('… [line cut: 5000 characters in all]');
    expect(out).toContain('     2\tshort');
    const small = readTool({ maxChars: 30 });
    await ws.write({ 'ten.txt': lines(10) });
    const capped = await small.execute({ path: 'ten.txt' }, ws.context);
    expect(capped).toBe(
      '     1\tline 1\n     2\tline 2\n[Showing lines 1-2 of 10. Call Read with offset=3 to read more.]',
    );
  });

  it('says when a file is empty, and when the offset is past the end', async () => {
    await ws.write({ 'empty.txt': '', 'three.txt': lines(3) });
    expect(await read.execute({ path: 'empty.txt' }, ws.context)).toBe('(empty.txt is empty)');
    await expect(read.execute({ path: 'three.txt', offset: 4 }, ws.context)).rejects.toThrow(
      'three.txt has 3 line(s); offset 4 is past the end.',
    );
  });

  it('refuses directories, binary files and missing files', async () => {
    await ws.write({ 'dir/x.txt': 'x' });
    await writeFile(join(ws.root, 'image.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    await expect(read.execute({ path: 'dir' }, ws.context)).rejects.toThrow(/dir is a directory.*Use Glob/);
    await expect(read.execute({ path: 'image.bin' }, ws.context)).rejects.toThrow(/looks like a binary file/);
    await expect(read.execute({ path: 'nope.txt' }, ws.context)).rejects.toThrow('nope.txt does not exist.');
  });

  it('refuses paths outside the workspace', async () => {
    await symlink(join(ws.outside, 'secret.txt'), join(ws.root, 'link.txt'));
    await expect(read.execute({ path: '../outside/secret.txt' }, ws.context)).rejects.toThrow(
      /outside the workspace/,
    );
    await expect(read.execute({ path: join(ws.outside, 'secret.txt') }, ws.context)).rejects.toThrow(
      /outside the workspace/,
    );
    await expect(read.execute({ path: 'link.txt' }, ws.context)).rejects.toThrow(/through a symbolic link/);
  });

  it('names wrong and missing fields', async () => {
    await expect(read.execute({}, ws.context)).rejects.toThrow('Invalid input for Read: `path` is required.');
    await expect(read.execute({ path: 'a', offset: 0 }, ws.context)).rejects.toThrow(
      '`offset` must be at least 1.',
    );
    await expect(read.execute({ path: 'a', limit: '5' }, ws.context)).rejects.toThrow(
      '`limit` must be an integer.',
    );
    await expect(read.execute({ path: 'a', lines: 5 }, ws.context)).rejects.toThrow(
      '`lines` is not an accepted field (accepted: path, offset, limit).',
    );
  });
});
