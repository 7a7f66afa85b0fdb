import { REGISTRY } from './registry-data.js';

/**
 * Known IDs and aliases close to `query`, best first, at most one per model so the list offers real choices.
 * A name is close when its edit distance is within a third of the query's length (at least 2), or when they
 * share at least half their tokens (`claude-sonnet-3.5` and `claude-3.5-sonnet-v1` do).
 */
export function suggestModels(query: string, limit = 5): string[] {
  const wanted = query.toLowerCase();
  const maxDistance = Math.max(2, Math.ceil(wanted.length / 3));
  const ranked: { name: string; distance: number; overlap: number }[] = [];
  for (const model of REGISTRY) {
    let best: { name: string; distance: number; overlap: number } | undefined;
    for (const name of [...model.aliases, model.id]) {
      const distance = editDistance(wanted, name.toLowerCase());
      const overlap = tokenOverlap(wanted, name.toLowerCase());
      if (distance > maxDistance && overlap < 0.5) continue;
      if (!best || distance < best.distance || (distance === best.distance && overlap > best.overlap)) {
        best = { name, distance, overlap };
      }
    }
    if (best) ranked.push(best);
  }
  ranked.sort((a, b) => a.distance - b.distance || b.overlap - a.overlap);
  return ranked.slice(0, limit).map((entry) => entry.name);
}

/**
 * Whether an unknown model ID looks like a misspelt registry ID: at most two edits away and with the same digits.
 * New Bedrock models change numbers (`amazon.nova-2-lite-v1:0`, a `v2:0`, a new date); typos change letters.
 */
export function looksLikeTypoOfKnownId(modelId: string): boolean {
  const digits = modelId.replace(/\D/g, '');
  return REGISTRY.some(
    (model) => model.id.replace(/\D/g, '') === digits && editDistance(modelId, model.id) <= 2,
  );
}

/** Levenshtein distance with one rolling row. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Shared tokens over all tokens (Jaccard), splitting on anything but letters and digits. */
function tokenOverlap(a: string, b: string): number {
  const left = new Set(a.split(/[^a-z0-9]+/).filter(Boolean));
  const right = new Set(b.split(/[^a-z0-9]+/).filter(Boolean));
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}
