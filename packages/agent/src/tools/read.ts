import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileLooksBinary } from './binary.js';
import { statFile } from './files.js';
import { type JsonSchema, validateInput } from './input-schema.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';
import { touchedPath } from './tool-paths.js';

const DEFAULT_LIMIT = 2000;
const MAX_LINE_CHARS = 2000;
/** Read shows more than other tools by default: reading a file is the point of the call. */
const DEFAULT_READ_CAP = 100_000;

export interface ReadToolOptions {
  /** Characters one result may hold (default 100 000); whole lines are kept. */
  maxChars?: number;
}

interface ReadInput {
  path: string;
  offset?: number;
  limit?: number;
}

const inputSchema = {
  type: 'object',
  properties: {
    path: {
      type: 'string',
      minLength: 1,
      description: 'The file to read: relative to the workspace root, or absolute inside it.',
    },
    offset: { type: 'integer', minimum: 1, description: 'The 1-based line to start at (default 1).' },
    limit: {
      type: 'integer',
      minimum: 1,
      description: `How many lines to return (default ${DEFAULT_LIMIT}).`,
    },
  },
  required: ['path'],
  additionalProperties: false,
} satisfies JsonSchema;

const numbered = (n: number, line: string): string => {
  const shown =
    line.length > MAX_LINE_CHARS
      ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut: ${line.length} characters in all]`
      : line;
  return `${String(n).padStart(6)}\t${shown}`;
};

/** Read: a text file's lines with line numbers, a window at a time. */
export function readTool(options: ReadToolOptions = {}): AgentTool {
  const maxChars = options.maxChars ?? DEFAULT_READ_CAP;
  return {
    name: 'Read',
    description: [
      'Reads a text file from the workspace and returns its lines numbered like `cat -n` (line number, tab, text).',
      `Returns up to ${DEFAULT_LIMIT} lines from the start by default; use offset (1-based line) and limit to read other parts of long files.`,
      `Lines longer than ${MAX_LINE_CHARS} characters are cut, and one result holds at most ${maxChars} characters; the result says when it is incomplete and which offset to read next.`,
      'Paths are relative to the workspace root (absolute paths must be inside it; nothing outside the workspace can be read).',
      'Directories are refused (use Glob to list files) and so are binary files.',
    ].join(' '),
    inputSchema,
    readOnly: true,
    paths: (input) => touchedPath(input.path),
    async execute(input, context) {
      const {
        path,
        offset = 1,
        limit = DEFAULT_LIMIT,
      } = validateInput<ReadInput>('Read', inputSchema, input);
      const file = await context.workspace.resolve(path);
      await statFile(file, path);
      if (await fileLooksBinary(file)) {
        throw new ToolError(
          `${path} looks like a binary file (it contains NUL bytes); Read only shows text.`,
        );
      }
      const shown: string[] = [];
      let chars = 0;
      let full = false;
      let total = 0;
      const lines = createInterface({
        input: createReadStream(file, { encoding: 'utf8', signal: context.signal }),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      // Keeps reading past the window only to count the lines, so the note can say how many there are.
      for await (const line of lines) {
        total += 1;
        if (total < offset || full) continue;
        const text = numbered(total, line);
        if (shown.length === limit || (shown.length > 0 && chars + text.length + 1 > maxChars)) {
          full = true;
          continue;
        }
        shown.push(text);
        chars += text.length + 1;
      }
      if (total === 0) return `(${path} is empty)`;
      if (offset > total) {
        throw new ToolError(`${path} has ${total} line(s); offset ${offset} is past the end.`);
      }
      const last = offset + shown.length - 1;
      if (last === total) return shown.join('\n');
      return `${shown.join('\n')}\n[Showing lines ${offset}-${last} of ${total}. Call Read with offset=${last + 1} to read more.]`;
    },
  };
}
