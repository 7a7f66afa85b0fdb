import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore from 'ignore';

/** Directories no search wants: version-control internals and installed dependencies. */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/**
 * The .gitignore rules of a workspace, root and nested, read as directories are visited. As in git,
 * a deeper file's rules win over a shallower one's, and each file's patterns are relative to its own
 * directory. Paths here are workspace-relative with `/` separators; '' is the root.
 */
export class GitignoreRules {
  private readonly byDirectory = new Map<string, ignore.Ignore>();

  constructor(private readonly root: string) {}

  /** Reads `<dir>/.gitignore` if there is one; called once per directory before its entries are judged. */
  async load(directory: string): Promise<void> {
    if (this.byDirectory.has(directory)) return;
    let text: string;
    try {
      text = await readFile(join(this.root, directory, '.gitignore'), 'utf8');
    } catch {
      return;
    }
    this.byDirectory.set(directory, ignore().add(text));
  }

  /** Loads the rules of `directory` and of every directory above it, up to the root. */
  async loadDown(directory: string): Promise<void> {
    const parts = directory ? directory.split('/') : [];
    for (let i = 0; i <= parts.length; i++) await this.load(parts.slice(0, i).join('/'));
  }

  /** Whether `path` (a directory when `directory` is set) is ignored by the rules loaded so far. */
  ignores(path: string, directory: boolean): boolean {
    // Deepest rules first: the first file with a rule about the path, ignoring or negated, decides.
    let dir = posix.dirname(path);
    for (;;) {
      const owner = dir === '.' ? '' : dir;
      const rules = this.byDirectory.get(owner);
      if (rules) {
        const relative = owner ? path.slice(owner.length + 1) : path;
        const result = rules.test(directory ? `${relative}/` : relative);
        if (result.ignored) return true;
        if (result.unignored) return false;
      }
      if (owner === '') return false;
      dir = posix.dirname(owner);
    }
  }
}
