import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Workspace } from '../../sandbox/workspace.js';
import type { ToolContext, ToolOutput } from '../tool.js';

export interface TempWorkspace {
  /** The workspace root (real path). */
  root: string;
  /** A directory beside the workspace, for escape targets. */
  outside: string;
  workspace: Workspace;
  context: ToolContext;
  /** Writes files relative to the root, creating directories. */
  write(files: Record<string, string>): Promise<void>;
  cleanup(): Promise<void>;
}

/** A fresh workspace in the temp directory, with a sibling "outside" directory to escape to. */
export async function tempWorkspace(
  signal: AbortSignal = new AbortController().signal,
): Promise<TempWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'strata-tools-')));
  const root = join(base, 'ws');
  const outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), 'top secret\n');
  const workspace = await Workspace.open(root);
  return {
    root,
    outside,
    workspace,
    context: { workspace, signal },
    async write(files) {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), content);
      }
    },
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

/** The text of a tool output, whichever form it took. */
export function textOf(output: ToolOutput): string {
  if (typeof output === 'string') return output;
  return output.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** Whether the output is an error result. */
export const isError = (output: ToolOutput): boolean => typeof output !== 'string' && output.isError === true;
