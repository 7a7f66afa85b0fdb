import type { ToolResultContent } from '@strata/bedrock';

interface Entry {
  paths: string[];
  content: ToolResultContent[];
}

const overlaps = (a: string, b: string): boolean =>
  a === b || a === '.' || b === '.' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/**
 * Results of read-only tools within one run, keyed by tool and input. A write to a path drops every
 * cached read that touched it (or a directory above or below it); a write with unknown paths (Bash)
 * drops everything, since it could have changed anything.
 */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();

  private static key(tool: string, input: unknown): string {
    return `${tool}\0${JSON.stringify(input)}`;
  }

  get(tool: string, input: unknown): ToolResultContent[] | undefined {
    return this.entries.get(ResultCache.key(tool, input))?.content;
  }

  set(tool: string, input: unknown, paths: string[], content: ToolResultContent[]): void {
    this.entries.set(ResultCache.key(tool, input), { paths, content });
  }

  invalidate(paths: string[] | undefined): void {
    if (!paths || paths.length === 0) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) {
      if (entry.paths.length === 0 || entry.paths.some((p) => paths.some((q) => overlaps(p, q))))
        this.entries.delete(key);
    }
  }
}
