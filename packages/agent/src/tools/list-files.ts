import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { type FileSystemAdapter, glob } from 'tinyglobby';
import type { Workspace } from '../sandbox/workspace.js';
import { ALWAYS_SKIPPED, GitignoreRules } from './gitignore.js';

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

const posixRelative = (from: string, to: string): string => relative(from, to).split(sep).join('/');

/**
 * Rules for a search under `base`: every .gitignore from the workspace root down to it. When `base`
 * itself is ignored the caller named it on purpose, so (as ripgrep does) only its own rules apply.
 */
async function rulesFor(workspace: Workspace, base: string): Promise<GitignoreRules> {
  const rules = new GitignoreRules(workspace.root);
  await rules.loadDown(base);
  if (base === '' || !rules.ignores(base, true)) return rules;
  const own = new GitignoreRules(workspace.root);
  await own.load(base);
  return own;
}

/**
 * A readdir for tinyglobby that drops skipped and ignored entries as directories are read, so ignored
 * trees (build output, caches) are never walked, and that lists nothing outside the workspace.
 */
function filteringFs(workspace: Workspace, rules: GitignoreRules): FileSystemAdapter {
  const entriesOf = async (path: string): Promise<Dirent[]> => {
    const directory = resolve(path);
    if (!workspace.contains(directory)) return [];
    const entries = await readdir(directory, { withFileTypes: true });
    const at = posixRelative(workspace.root, directory);
    await rules.load(at);
    return entries.filter(
      (entry) =>
        !ALWAYS_SKIPPED.has(entry.name) &&
        !rules.ignores(at ? `${at}/${entry.name}` : entry.name, entry.isDirectory()),
    );
  };
  const filtered = (path: string, _options: unknown, callback: ReaddirCallback): void => {
    entriesOf(path).then(
      (entries) => callback(null, entries),
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
  return { readdir: filtered as unknown as FileSystemAdapter['readdir'] };
}

export interface ListFilesOptions {
  /** Glob patterns, relative to `base`. */
  patterns: string[];
  signal: AbortSignal;
}

/**
 * Files under `base` (a real directory inside the workspace) matching the patterns, as sorted
 * workspace-relative paths. Respects .gitignore files, skips `.git` and `node_modules`, includes dot
 * files, and does not follow symbolic links (a link could lead out of the workspace).
 */
export async function listFiles(
  workspace: Workspace,
  base: string,
  options: ListFilesOptions,
): Promise<string[]> {
  const baseRelative = posixRelative(workspace.root, base);
  const rules = await rulesFor(workspace, baseRelative);
  const found = await glob(options.patterns, {
    cwd: base,
    dot: true,
    followSymbolicLinks: false,
    onlyFiles: true,
    fs: filteringFs(workspace, rules),
    signal: options.signal,
  });
  return found
    .map((path) => posixRelative(workspace.root, join(base, path)))
    .filter((path) => path !== '' && !path.startsWith('../'))
    .sort();
}

/**
 * Why a glob pattern cannot be used, or undefined when it can: patterns stay relative to the
 * search directory, so absolute patterns and `..` segments (also inside braces) are refused.
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.startsWith('/')) return 'it is absolute; patterns are relative to the search directory';
  if (pattern.split(/[/{},]/).includes('..'))
    return 'it contains a `..` segment; patterns cannot leave the search directory';
  return undefined;
}
