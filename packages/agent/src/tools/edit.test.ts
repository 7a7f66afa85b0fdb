import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editTool } from './edit.js';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
  await ws.write({ 'a.ts': 'const a = 1;\nconst b = 2;\nconst a2 = 1;\n' });
});
afterEach(() => ws.cleanup());

const contents = () => readFile(join(ws.root, 'a.ts'), 'utf8');

describe('Edit', () => {
  const edit = editTool();

  it('is dangerous and reports its path', () => {
    expect(edit.dangerous).toBe(true);
    expect(edit.paths?.({ path: 'a.ts' })).toEqual(['a.ts']);
  });

  it('replaces a unique exact match and says where', async () => {
    const out = await edit.execute({ path: 'a.ts', old_string: 'b = 2', new_string: 'b = $& 3' }, ws.context);
    expect(out).toBe('Edited a.ts: replaced 1 occurrence at line 2.');
    expect(await contents()).toBe('const a = 1;\nconst b = $& 3;\nconst a2 = 1;\n');
  });

  it('refuses an ambiguous match with the count, and replaces all when asked', async () => {
    await expect(
      edit.execute({ path: 'a.ts', old_string: '= 1', new_string: '= 9' }, ws.context),
    ).rejects.toThrow(
      /old_string matches 2 places in a\.ts; nothing was changed\. Include more surrounding text.*replace_all/,
    );
    expect(await contents()).toContain('const a = 1;');
    const out = await edit.execute(
      { path: 'a.ts', old_string: '= 1', new_string: '= 9', replace_all: true },
      ws.context,
    );
    expect(out).toBe('Edited a.ts: replaced 2 occurrences (the first at line 1).');
    expect(await contents()).toBe('const a = 9;\nconst b = 2;\nconst a2 = 9;\n');
  });

  it('says when nothing matches, with a hint for whitespace and line-ending near misses', async () => {
    await expect(
      edit.execute({ path: 'a.ts', old_string: 'zzz', new_string: 'y' }, ws.context),
    ).rejects.toThrow('old_string was not found in a.ts; nothing was changed.');
    await expect(
      edit.execute({ path: 'a.ts', old_string: 'const  b =\n2', new_string: 'y' }, ws.context),
    ).rejects.toThrow(/A match exists if whitespace is ignored/);
    await ws.write({ 'crlf.txt': 'one\r\ntwo\r\n' });
    await expect(
      edit.execute({ path: 'crlf.txt', old_string: 'one\ntwo', new_string: 'x' }, ws.context),
    ).rejects.toThrow(/CRLF line endings/);
  });

  it('refuses identical strings, an empty old_string and missing files', async () => {
    await expect(
      edit.execute({ path: 'a.ts', old_string: 'b', new_string: 'b' }, ws.context),
    ).rejects.toThrow('old_string and new_string are identical; nothing to change.');
    await expect(edit.execute({ path: 'a.ts', old_string: '', new_string: 'b' }, ws.context)).rejects.toThrow(
      '`old_string` must be at least 1 character(s) long.',
    );
    await expect(
      edit.execute({ path: 'none.ts', old_string: 'a', new_string: 'b' }, ws.context),
    ).rejects.toThrow('none.ts does not exist.');
    await expect(edit.execute({ path: 'a.ts', old_string: 'a' }, ws.context)).rejects.toThrow(
      '`new_string` is required.',
    );
  });

  it('cannot edit outside the workspace', async () => {
    await expect(
      edit.execute({ path: '../outside/secret.txt', old_string: 'top', new_string: 'x' }, ws.context),
    ).rejects.toThrow(/outside the workspace/);
  });
});
