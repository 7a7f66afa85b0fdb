import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ToolError } from '../tools/tool.js';

const inside = (root: string, path: string): boolean => path === root || path.startsWith(root + sep);

/** Linux gives up after 40 links in one lookup; a dangling chain longer than that is a loop. */
const MAX_LINKS = 40;

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * The workspace root every file tool is confined to. Paths resolve against the root; `..`, absolute
 * paths elsewhere and symlinks that lead outside are refused with a ToolError the model can read.
 */
export class Workspace {
  private constructor(readonly root: string) {}

  /** The root, with its own symlinks resolved, so later comparisons are exact. */
  static async open(root: string): Promise<Workspace> {
    try {
      return new Workspace(await realpath(resolve(root)));
    } catch (error) {
      throw new Error(`The workspace ${root} does not exist or cannot be read: ${(error as Error).message}`);
    }
  }

  /**
   * The real absolute path for `path`, which must stay inside the root even after following
   * symlinks. A path that does not exist yet (a file to create) is checked through its nearest
   * existing parent, and a dangling symlink on the way is followed to where it would create the file.
   */
  async resolve(path: string): Promise<string> {
    if (typeof path !== 'string' || path.length === 0) throw new ToolError('A path is required.');
    if (path.includes('\0')) throw new ToolError('The path contains a NUL byte.');
    const absolute = isAbsolute(path) ? resolve(path) : resolve(this.root, path);
    if (!inside(this.root, absolute)) {
      throw new ToolError(
        `Access denied: ${path} is outside the workspace (${this.root}). Use a path inside it.`,
      );
    }
    let real: string;
    try {
      real = await this.realOrParent(absolute, 0);
    } catch (error) {
      if (error instanceof ToolError) throw error;
      throw new ToolError(`Cannot resolve ${path}: ${code(error) ?? (error as Error).message}.`);
    }
    if (!inside(this.root, real)) {
      throw new ToolError(`Access denied: ${path} leads outside the workspace through a symbolic link.`);
    }
    return real;
  }

  /** The workspace-relative form of an absolute path inside it, for messages and cache keys. */
  relative(absolute: string): string {
    return relative(this.root, absolute) || '.';
  }

  /** Whether an absolute, already-real path lies inside the root (for walkers that list directories). */
  contains(absolute: string): boolean {
    return inside(this.root, absolute);
  }

  /**
   * realpath for paths that may not exist: the missing tail is re-attached to the real form of its
   * nearest existing ancestor. `realpath` reports a dangling symlink as missing, yet writing through
   * it would create its target, so such a link is followed by hand (and counted, to stop loops).
   */
  private async realOrParent(absolute: string, links: number): Promise<string> {
    let current = absolute;
    const rest: string[] = [];
    for (;;) {
      try {
        const real = await realpath(current);
        return rest.length ? resolve(real, ...rest.reverse()) : real;
      } catch (error) {
        if (code(error) !== 'ENOENT') throw error;
      }
      const link = await lstat(current).then(
        (stats) => stats.isSymbolicLink(),
        () => false,
      );
      if (link) {
        if (links >= MAX_LINKS) throw new ToolError(`Too many levels of symbolic links in ${absolute}.`);
        const target = resolve(dirname(current), await readlink(current));
        return this.realOrParent(resolve(target, ...rest.reverse()), links + 1);
      }
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}
