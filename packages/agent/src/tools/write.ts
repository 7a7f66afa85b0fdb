import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type JsonSchema, validateInput } from './input-schema.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';
import { touchedPath } from './tool-paths.js';

interface WriteInput {
  path: string;
  content: string;
}

const inputSchema = {
  type: 'object',
  properties: {
    path: {
      type: 'string',
      minLength: 1,
      description: 'The file to write: relative to the workspace root, or absolute inside it.',
    },
    content: { type: 'string', description: 'The complete new content of the file (UTF-8).' },
  },
  required: ['path', 'content'],
  additionalProperties: false,
} satisfies JsonSchema;

/** Write: creates or replaces a whole file. */
export function writeTool(): AgentTool {
  return {
    name: 'Write',
    description: [
      'Writes a UTF-8 text file in the workspace, replacing the whole file if it exists and creating missing parent directories.',
      'Paths are relative to the workspace root (absolute paths must be inside it; nothing outside the workspace can be written).',
      'To change part of an existing file, prefer Edit, which only replaces the text you name.',
    ].join(' '),
    inputSchema,
    dangerous: true,
    paths: (input) => touchedPath(input.path),
    async execute(input, context) {
      const { path, content } = validateInput<WriteInput>('Write', inputSchema, input);
      const file = await context.workspace.resolve(path);
      const existing = await stat(file).catch(() => undefined);
      if (existing?.isDirectory()) throw new ToolError(`${path} is a directory; give a file path to write.`);
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ToolError(`Cannot write ${path}: ${code ?? (error as Error).message}.`);
      }
      const bytes = Buffer.byteLength(content, 'utf8');
      return `${existing ? 'Overwrote' : 'Created'} ${path} (${bytes} bytes written).`;
    },
  };
}
