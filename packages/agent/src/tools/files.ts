import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { looksBinary } from './binary.js';
import { ToolError } from './tool.js';

/**
 * The stats of a regular file, or a ToolError that tells the model what the path is instead and what
 * to do (a directory is listed with Glob; a missing file is created with Write).
 */
export async function statFile(absolute: string, path: string): Promise<Stats> {
  let stats: Stats;
  try {
    stats = await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ToolError(`${path} does not exist. Use Glob to find files.`);
    throw new ToolError(`Cannot access ${path}: ${code ?? (error as Error).message}.`);
  }
  if (stats.isDirectory()) {
    throw new ToolError(`${path} is a directory, not a file. Use Glob to list the files in it.`);
  }
  if (!stats.isFile()) throw new ToolError(`${path} is not a regular file.`);
  return stats;
}

/** A whole text file as UTF-8, refusing directories and binary files with a ToolError. */
export async function readTextFile(absolute: string, path: string): Promise<string> {
  await statFile(absolute, path);
  const bytes = await readFile(absolute);
  if (looksBinary(bytes)) throw new ToolError(`${path} looks like a binary file (it contains NUL bytes).`);
  return bytes.toString('utf8');
}
