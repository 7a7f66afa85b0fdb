import { posix } from 'node:path';

/**
 * The path a call names, normalized (`./a//b/` → `a/b`) for cache keys and policies. `paths()` has no
 * workspace to resolve against, so absolute paths stay absolute; the loop may relativize them.
 */
export function touchedPath(value: unknown, fallback?: string): string[] {
  const path = typeof value === 'string' && value.length > 0 ? value : fallback;
  if (path === undefined) return [];
  const normalized = posix.normalize(path);
  return [normalized.length > 1 ? normalized.replace(/\/$/, '') : normalized];
}
