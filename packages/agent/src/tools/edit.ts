import { writeFile } from 'node:fs/promises';
import { readTextFile } from './files.js';
import { type JsonSchema, validateInput } from './input-schema.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';
import { touchedPath } from './tool-paths.js';

interface EditInput {
  path: string;
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

const inputSchema = {
  type: 'object',
  properties: {
    path: {
      type: 'string',
      minLength: 1,
      description: 'The file to edit: relative to the workspace root, or absolute inside it.',
    },
    old_string: {
      type: 'string',
      minLength: 1,
      description: 'The exact text to replace, including whitespace and indentation.',
    },
    new_string: { type: 'string', description: 'The text to put in its place (may be empty to delete).' },
    replace_all: {
      type: 'boolean',
      description: 'Replace every occurrence instead of requiring exactly one (default false).',
    },
  },
  required: ['path', 'old_string', 'new_string'],
  additionalProperties: false,
} satisfies JsonSchema;

const countOf = (text: string, part: string): number => text.split(part).length - 1;

const lineOf = (text: string, index: number): number => countOf(text.slice(0, index), '\n') + 1;

/** Why an exact match failed, when a near miss explains it (the usual cause is line endings). */
function missHint(text: string, old: string): string {
  if (text.includes('\r\n') && !old.includes('\r\n') && text.includes(old.replaceAll('\n', '\r\n'))) {
    return ' The file uses CRLF line endings; old_string matches once its line breaks are \\r\\n.';
  }
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (squash(text).includes(squash(old))) {
    return ' A match exists if whitespace is ignored: check indentation, tabs versus spaces and line breaks.';
  }
  return '';
}

/** Edit: exact string replacement in one file, refusing ambiguous edits. */
export function editTool(): AgentTool {
  return {
    name: 'Edit',
    description: [
      'Replaces exact text in a workspace file: old_string must appear in the file exactly as given (whitespace and indentation included), and is replaced by new_string.',
      'old_string must match exactly once unless replace_all is true; if it matches more than once, include more surrounding lines to make it unique.',
      'Read the file first so old_string is copied exactly. To create a file or replace all of it, use Write.',
      'Paths are relative to the workspace root (absolute paths must be inside it).',
    ].join(' '),
    inputSchema,
    dangerous: true,
    paths: (input) => touchedPath(input.path),
    async execute(input, context) {
      const args = validateInput<EditInput>('Edit', inputSchema, input);
      const { path, old_string: old, new_string: replacement } = args;
      if (old === replacement)
        throw new ToolError('old_string and new_string are identical; nothing to change.');
      const file = await context.workspace.resolve(path);
      const text = await readTextFile(file, path);
      const count = countOf(text, old);
      if (count === 0) {
        throw new ToolError(
          `old_string was not found in ${path}; nothing was changed.${missHint(text, old)}`,
        );
      }
      if (count > 1 && !args.replace_all) {
        throw new ToolError(
          `old_string matches ${count} places in ${path}; nothing was changed. Include more surrounding text to pick one place, or set replace_all to true to replace all ${count}.`,
        );
      }
      const first = lineOf(text, text.indexOf(old));
      // split/join rather than String.replace: new_string must not have `$&`-style patterns expanded.
      await writeFile(file, text.split(old).join(replacement), 'utf8');
      return count === 1
        ? `Edited ${path}: replaced 1 occurrence at line ${first}.`
        : `Edited ${path}: replaced ${count} occurrences (the first at line ${first}).`;
    },
  };
}
