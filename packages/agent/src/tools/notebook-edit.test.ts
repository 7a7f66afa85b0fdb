import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notebookEditTool } from './notebook-edit.js';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';

let ws: TempWorkspace;

/** A notebook as Jupyter writes it: sorted keys, one-space indentation, a final newline. */
const NOTEBOOK = {
  cells: [
    { cell_type: 'markdown', id: 'aaaa1111', metadata: {}, source: ['# Title\n', 'Intro'] },
    {
      cell_type: 'code',
      execution_count: 3,
      id: 'bbbb2222',
      metadata: { tags: ['keep'] },
      outputs: [{ name: 'stdout', output_type: 'stream', text: ['2\n'] }],
      source: ['print(1 + 1)'],
    },
  ],
  metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
  nbformat: 4,
  nbformat_minor: 5,
};

const path = () => join(ws.root, 'nb.ipynb');
const load = async () => JSON.parse(await readFile(path(), 'utf8'));

beforeEach(async () => {
  ws = await tempWorkspace();
  await writeFile(path(), `${JSON.stringify(NOTEBOOK, null, 1)}\n`);
});
afterEach(() => ws.cleanup());

describe('NotebookEdit', () => {
  const edit = notebookEditTool();

  it('is dangerous and reports its path', () => {
    expect(edit.dangerous).toBe(true);
    expect(edit.paths?.({ path: 'nb.ipynb', cell_index: 0 })).toEqual(['nb.ipynb']);
  });

  it('replaces a code cell, clearing its outputs and keeping everything else byte for byte', async () => {
    const out = await edit.execute(
      { path: 'nb.ipynb', cell_index: 1, new_source: 'x = 1\nprint(x)\n' },
      ws.context,
    );
    expect(out).toBe('Replaced the source of cell 1 (code) in nb.ipynb; the notebook now has 2 cell(s).');
    const expected = structuredClone(NOTEBOOK);
    Object.assign(expected.cells[1] as object, {
      execution_count: null,
      outputs: [],
      source: ['x = 1\n', 'print(x)\n'],
    });
    expect(await readFile(path(), 'utf8')).toBe(`${JSON.stringify(expected, null, 1)}\n`);
  });

  it('changes a cell type on replace', async () => {
    await edit.execute(
      { path: 'nb.ipynb', cell_index: 1, new_source: 'Now prose', cell_type: 'markdown' },
      ws.context,
    );
    const cell = (await load()).cells[1];
    expect(cell).toEqual({
      cell_type: 'markdown',
      id: 'bbbb2222',
      metadata: { tags: ['keep'] },
      source: ['Now prose'],
    });
  });

  it('inserts a cell at an index (with an id, as nbformat 4.5 requires) and appends at the end', async () => {
    await edit.execute(
      { path: 'nb.ipynb', cell_index: 1, new_source: 'import os', cell_type: 'code', edit_mode: 'insert' },
      ws.context,
    );
    await edit.execute(
      { path: 'nb.ipynb', cell_index: 3, new_source: 'The end', cell_type: 'markdown', edit_mode: 'insert' },
      ws.context,
    );
    const { cells } = await load();
    expect(cells).toHaveLength(4);
    expect(cells[1]).toEqual({
      cell_type: 'code',
      execution_count: null,
      id: expect.stringMatching(/^[0-9a-f]{8}$/),
      metadata: {},
      outputs: [],
      source: ['import os'],
    });
    expect(cells[3]).toMatchObject({ cell_type: 'markdown', source: ['The end'] });
    expect(Object.keys(cells[3])).toEqual(['cell_type', 'id', 'metadata', 'source']);
  });

  it('deletes a cell', async () => {
    await edit.execute({ path: 'nb.ipynb', cell_index: 0, edit_mode: 'delete' }, ws.context);
    const { cells } = await load();
    expect(cells.map((c: { id: string }) => c.id)).toEqual(['bbbb2222']);
  });

  it('validates the index, the mode requirements and the file', async () => {
    await expect(
      edit.execute({ path: 'nb.ipynb', cell_index: 2, new_source: 'x' }, ws.context),
    ).rejects.toThrow('cell_index 2 is out of range for replace: valid indexes are 0 to 1.');
    await expect(
      edit.execute(
        { path: 'nb.ipynb', cell_index: 3, new_source: 'x', cell_type: 'code', edit_mode: 'insert' },
        ws.context,
      ),
    ).rejects.toThrow('cell_index 3 is out of range for insert: valid indexes are 0 to 2.');
    await expect(edit.execute({ path: 'nb.ipynb', cell_index: 0 }, ws.context)).rejects.toThrow(
      '`new_source` is required for edit_mode "replace".',
    );
    await expect(
      edit.execute({ path: 'nb.ipynb', cell_index: 0, new_source: 'x', edit_mode: 'insert' }, ws.context),
    ).rejects.toThrow('`cell_type` is required for edit_mode "insert"');
    await expect(
      edit.execute({ path: 'nb.ipynb', cell_index: 0, new_source: 'x', edit_mode: 'move' }, ws.context),
    ).rejects.toThrow('`edit_mode` must be one of "replace", "insert", "delete".');
    await ws.write({ 'broken.ipynb': '{ not json', 'notes.txt': '{}' });
    await expect(
      edit.execute({ path: 'broken.ipynb', cell_index: 0, new_source: 'x' }, ws.context),
    ).rejects.toThrow(/broken\.ipynb is not valid JSON/);
    await expect(
      edit.execute({ path: 'notes.txt', cell_index: 0, new_source: 'x' }, ws.context),
    ).rejects.toThrow('notes.txt is not a notebook: the file must end in .ipynb.');
  });

  it('keeps a different indentation and a missing final newline', async () => {
    await writeFile(path(), JSON.stringify(NOTEBOOK, null, 2));
    await edit.execute({ path: 'nb.ipynb', cell_index: 0, new_source: '# New' }, ws.context);
    const text = await readFile(path(), 'utf8');
    expect(text.startsWith('{\n  "cells"')).toBe(true);
    expect(text.endsWith('}')).toBe(true);
    await writeFile(path(), JSON.stringify(NOTEBOOK));
    await edit.execute({ path: 'nb.ipynb', cell_index: 0, new_source: '# Compact' }, ws.context);
    expect(await readFile(path(), 'utf8')).toMatch(/^\{"cells":\[\{"cell_type":"markdown".*\}$/);
  });
});
