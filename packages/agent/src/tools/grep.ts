import { readFile, stat } from 'node:fs/promises';
import { looksBinary } from './binary.js';
import { type JsonSchema, validateInput } from './input-schema.js';
import { listFiles, patternProblem } from './list-files.js';
import { capLines, DEFAULT_OUTPUT_CAP } from './output-cap.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';
import { touchedPath } from './tool-paths.js';

const DEFAULT_MAX_RESULTS = 200;
const MAX_RESULTS = 2000;
/** Larger files are skipped: they are data or generated, and reading them would stall the search. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Matched lines are shown around the match, cut to this length (minified code has huge lines). */
const MAX_SHOWN_CHARS = 500;

export interface GrepToolOptions {
  /** Characters one result may hold (default 30 000). */
  outputCap?: number;
}

interface GrepInput {
  pattern: string;
  path?: string;
  glob?: string;
  ignore_case?: boolean;
  max_results?: number;
}

const inputSchema = {
  type: 'object',
  properties: {
    pattern: {
      type: 'string',
      minLength: 1,
      description: 'A JavaScript regular expression, matched against each line (e.g. "function\\s+\\w+").',
    },
    path: {
      type: 'string',
      minLength: 1,
      description: 'A directory or file to search, relative to the workspace root (default: the root).',
    },
    glob: {
      type: 'string',
      minLength: 1,
      description:
        'Only search files matching this glob. Without a `/` it matches file names at any depth ("*.ts"); with one it is relative to path ("src/**/*.ts").',
    },
    ignore_case: { type: 'boolean', description: 'Match case-insensitively (default false).' },
    max_results: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_RESULTS,
      description: `The most matching lines to return (default ${DEFAULT_MAX_RESULTS}).`,
    },
  },
  required: ['pattern'],
  additionalProperties: false,
} satisfies JsonSchema;

function compile(pattern: string, ignoreCase: boolean): RegExp {
  try {
    return new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch (error) {
    throw new ToolError(`Invalid regular expression: ${(error as Error).message}`);
  }
}

/** The matched line, or a window of it around the match when it is too long to show whole. */
function shown(line: string, at: number): string {
  if (line.length <= MAX_SHOWN_CHARS) return line;
  const start = Math.max(0, Math.min(at - 100, line.length - MAX_SHOWN_CHARS));
  const end = start + MAX_SHOWN_CHARS;
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

/** Grep: regular-expression search over the workspace's text files. */
export function grepTool(options: GrepToolOptions = {}): AgentTool {
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  return {
    name: 'Grep',
    description: [
      'Searches the contents of text files in the workspace with a JavaScript regular expression, line by line, and returns matching lines as `path:line: text` (workspace-relative path, 1-based line number).',
      'Search everything under path (default: the workspace root) or a single file, optionally only files matching glob.',
      `Files ignored by .gitignore (root and nested), .git, node_modules, binary files and files over ${MAX_FILE_BYTES / 1024 / 1024} MB are skipped; symbolic links are not followed.`,
      `Returns at most max_results lines (default ${DEFAULT_MAX_RESULTS}) and says when there are more. Long lines are cut around the match.`,
    ].join(' '),
    inputSchema,
    readOnly: true,
    paths: (input) => touchedPath(input.path, '.'),
    async execute(input, context) {
      const args = validateInput<GrepInput>('Grep', inputSchema, input);
      const { pattern, path = '.', glob, max_results: maxResults = DEFAULT_MAX_RESULTS } = args;
      const regex = compile(pattern, args.ignore_case ?? false);
      const problem = glob === undefined ? undefined : patternProblem(glob);
      if (problem) throw new ToolError(`The glob ${JSON.stringify(glob)} cannot be used: ${problem}.`);
      const base = await context.workspace.resolve(path);
      const stats = await stat(base).catch(() => undefined);
      if (!stats) throw new ToolError(`${path} does not exist.`);
      const files = stats.isDirectory()
        ? await listFiles(context.workspace, base, {
            patterns: [glob === undefined ? '**' : glob.includes('/') ? glob : `**/${glob}`],
            signal: context.signal,
          })
        : [context.workspace.relative(base)];

      const matches: string[] = [];
      let more = false;
      search: for (const file of files) {
        if (context.signal.aborted) throw new ToolError('Aborted.');
        const absolute = `${context.workspace.root}/${file}`;
        const size = (await stat(absolute).catch(() => undefined))?.size ?? 0;
        if (size === 0 || size > MAX_FILE_BYTES) continue;
        const bytes = await readFile(absolute).catch(() => undefined);
        if (!bytes || looksBinary(bytes)) continue;
        const lines = bytes.toString('utf8').split(/\r?\n/);
        for (const [i, line] of lines.entries()) {
          const match = regex.exec(line);
          if (!match) continue;
          if (matches.length === maxResults) {
            more = true;
            break search;
          }
          matches.push(`${file}:${i + 1}: ${shown(line, match.index)}`);
        }
      }
      if (matches.length === 0) {
        return `No matches for /${pattern}/ in ${path} (${files.length} file(s) searched).`;
      }
      const text = more
        ? `${matches.join('\n')}\n[Showing the first ${maxResults} matches; there are more. Narrow the pattern, path or glob, or raise max_results.]`
        : matches.join('\n');
      return capLines(text, cap, 'Narrow the pattern, path or glob.');
    },
  };
}
