import { stat } from 'node:fs/promises';
import { type JsonSchema, validateInput } from './input-schema.js';
import { listFiles, patternProblem } from './list-files.js';
import { capLines, DEFAULT_OUTPUT_CAP } from './output-cap.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';
import { touchedPath } from './tool-paths.js';

const MAX_FILES = 500;

export interface GlobToolOptions {
  /** Characters one result may hold (default 30 000). */
  outputCap?: number;
}

interface GlobInput {
  pattern: string;
  path?: string;
}

const inputSchema = {
  type: 'object',
  properties: {
    pattern: {
      type: 'string',
      minLength: 1,
      description: 'A glob relative to the search directory, e.g. "**/*.ts", "src/**/*.{js,jsx}", "*.md".',
    },
    path: {
      type: 'string',
      minLength: 1,
      description: 'The directory to search in, relative to the workspace root (default: the root).',
    },
  },
  required: ['pattern'],
  additionalProperties: false,
} satisfies JsonSchema;

/** Glob: finds files by name pattern. */
export function globTool(options: GlobToolOptions = {}): AgentTool {
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  return {
    name: 'Glob',
    description: [
      'Finds files in the workspace whose paths match a glob pattern (`*` within a directory, `**` across directories, `{a,b}` alternatives) and lists them, one workspace-relative path per line, sorted.',
      'The pattern is relative to `path` (default: the workspace root): "*.ts" matches only at that level, "**/*.ts" at any depth. Absolute patterns and `..` are refused.',
      `Files ignored by .gitignore, and .git and node_modules, are skipped; dot files are included; symbolic links are not followed. At most ${MAX_FILES} paths are listed.`,
    ].join(' '),
    inputSchema,
    readOnly: true,
    paths: (input) => touchedPath(input.path, '.'),
    async execute(input, context) {
      const { pattern, path = '.' } = validateInput<GlobInput>('Glob', inputSchema, input);
      const problem = patternProblem(pattern);
      if (problem) throw new ToolError(`The pattern ${JSON.stringify(pattern)} cannot be used: ${problem}.`);
      const base = await context.workspace.resolve(path);
      const stats = await stat(base).catch(() => undefined);
      if (!stats) throw new ToolError(`${path} does not exist.`);
      if (!stats.isDirectory())
        throw new ToolError(`${path} is a file; path must be a directory to search in.`);
      const files = await listFiles(context.workspace, base, { patterns: [pattern], signal: context.signal });
      if (files.length === 0) return `No files match ${JSON.stringify(pattern)} in ${path}.`;
      const listed = files.slice(0, MAX_FILES).join('\n');
      const text =
        files.length > MAX_FILES
          ? `${listed}\n[Showing the first ${MAX_FILES} of ${files.length} matching files. Use a narrower pattern or path.]`
          : listed;
      return capLines(text, cap, 'Use a narrower pattern or path.');
    },
  };
}
