import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { readTextFile } from './files.js';
import { type JsonSchema, validateInput } from './input-schema.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';
import { touchedPath } from './tool-paths.js';

type CellType = 'code' | 'markdown' | 'raw';
type EditMode = 'replace' | 'insert' | 'delete';

interface NotebookEditInput {
  path: string;
  cell_index: number;
  new_source?: string;
  cell_type?: CellType;
  edit_mode?: EditMode;
}

interface Cell {
  cell_type: CellType;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  id?: string;
  [key: string]: unknown;
}

interface Notebook {
  nbformat?: number;
  nbformat_minor?: number;
  cells: Cell[];
  [key: string]: unknown;
}

const inputSchema = {
  type: 'object',
  properties: {
    path: {
      type: 'string',
      minLength: 1,
      description: 'The .ipynb file, relative to the workspace root (or absolute inside it).',
    },
    cell_index: { type: 'integer', minimum: 0, description: 'The 0-based index of the cell.' },
    new_source: {
      type: 'string',
      description: 'The new source of the cell (required for replace and insert, ignored for delete).',
    },
    cell_type: {
      type: 'string',
      enum: ['code', 'markdown', 'raw'],
      description: 'The cell type: required for insert; for replace, changes the type (default: keep it).',
    },
    edit_mode: {
      type: 'string',
      enum: ['replace', 'insert', 'delete'],
      description:
        'replace the cell (default), insert a new cell at cell_index (cell_index = cell count appends), or delete it.',
    },
  },
  required: ['path', 'cell_index'],
  additionalProperties: false,
} satisfies JsonSchema;

/** nbformat stores source as lines that keep their newline, the last one without. */
const sourceLines = (source: string): string[] => (source === '' ? [] : source.split(/(?<=\n)/));

/**
 * The indentation the file was written with, so a one-cell edit does not reformat every line:
 * the first indented line's, none for a file on one line, else nbformat's default of one space.
 */
function indentOf(text: string): string | number {
  const indented = /^[{[]\r?\n([ \t]+)\S/.exec(text);
  if (indented?.[1]) return indented[1];
  return /^\s*[{[][^\r\n]/.test(text) ? 0 : 1;
}

function parseNotebook(text: string, path: string): Notebook {
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch (error) {
    throw new ToolError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const cells = (notebook as Notebook | null)?.cells;
  if (!Array.isArray(cells)) throw new ToolError(`${path} is not a Jupyter notebook: it has no cells array.`);
  const version = (notebook as Notebook).nbformat;
  if (version !== undefined && version < 4) {
    throw new ToolError(`${path} is nbformat ${version}; only nbformat 4 notebooks can be edited.`);
  }
  return notebook as Notebook;
}

/**
 * The cell with a new type and source. Code cells lose their outputs: the old outputs no longer belong
 * to the source. Keys keep their places, so the file's diff shows only what changed.
 */
function retyped(cell: Cell, type: CellType, source: string): Cell {
  const next: Cell = { ...cell, cell_type: type, source: sourceLines(source) };
  if (type === 'code') {
    next.execution_count = null;
    next.outputs = [];
  } else {
    delete next.execution_count;
    delete next.outputs;
  }
  return next;
}

/** A new cell with its keys in nbformat's (sorted) order; ids became required in nbformat 4.5. */
function newCell(notebook: Notebook, type: CellType, source: string): Cell {
  const id = (notebook.nbformat_minor ?? 0) >= 5 ? { id: randomUUID().replaceAll('-', '').slice(0, 8) } : {};
  const lines = sourceLines(source);
  if (type === 'code') {
    return { cell_type: type, execution_count: null, ...id, metadata: {}, outputs: [], source: lines };
  }
  return { cell_type: type, ...id, metadata: {}, source: lines };
}

/** NotebookEdit: replace, insert or delete one cell of a Jupyter notebook. */
export function notebookEditTool(): AgentTool {
  return {
    name: 'NotebookEdit',
    description: [
      'Edits one cell of a Jupyter notebook (.ipynb, nbformat 4) in the workspace.',
      'edit_mode "replace" (default) sets the source of the cell at cell_index (0-based) and clears its outputs if it is a code cell; "insert" adds a new cell of cell_type before cell_index (use the cell count to append); "delete" removes the cell.',
      'The rest of the notebook is kept as it was. Paths are relative to the workspace root.',
    ].join(' '),
    inputSchema,
    dangerous: true,
    paths: (input) => touchedPath(input.path),
    async execute(input, context) {
      const args = validateInput<NotebookEditInput>('NotebookEdit', inputSchema, input);
      const { path, cell_index: index, edit_mode: mode = 'replace' } = args;
      if (!path.endsWith('.ipynb'))
        throw new ToolError(`${path} is not a notebook: the file must end in .ipynb.`);
      if (mode !== 'delete' && args.new_source === undefined) {
        throw new ToolError(`\`new_source\` is required for edit_mode "${mode}".`);
      }
      if (mode === 'insert' && args.cell_type === undefined) {
        throw new ToolError('`cell_type` is required for edit_mode "insert" (code, markdown or raw).');
      }
      const file = await context.workspace.resolve(path);
      const text = await readTextFile(file, path);
      const notebook = parseNotebook(text, path);
      const { cells } = notebook;
      const last = mode === 'insert' ? cells.length : cells.length - 1;
      if (index > last) {
        const range = last < 0 ? 'the notebook has no cells' : `valid indexes are 0 to ${last}`;
        throw new ToolError(`cell_index ${index} is out of range for ${mode}: ${range}.`);
      }
      const source = args.new_source ?? '';
      let done: string;
      if (mode === 'insert') {
        cells.splice(index, 0, newCell(notebook, args.cell_type as CellType, source));
        done = `Inserted a ${args.cell_type} cell at index ${index}`;
      } else if (mode === 'delete') {
        cells.splice(index, 1);
        done = `Deleted cell ${index}`;
      } else {
        const cell = cells[index] as Cell;
        cells[index] = retyped(cell, args.cell_type ?? cell.cell_type, source);
        done = `Replaced the source of cell ${index} (${cells[index]?.cell_type})`;
      }
      const newline = text.endsWith('\n') ? '\n' : '';
      await writeFile(file, JSON.stringify(notebook, null, indentOf(text)) + newline, 'utf8');
      return `${done} in ${path}; the notebook now has ${cells.length} cell(s).`;
    },
  };
}
