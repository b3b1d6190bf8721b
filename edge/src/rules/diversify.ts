/** Diversity: at most N items of one category per answer, keeping the order. */
import type { Candidate } from './types.ts';

/**
 * The first `k` candidates, in order, skipping any whose category already has `maxPerCategory` items
 * (0 = no limit). Items without a category are not limited.
 */
export function diversify(candidates: readonly Candidate[], k: number, maxPerCategory: number): Candidate[] {
  const out: Candidate[] = [];
  const counts = new Map<string, number>();
  for (const c of candidates) {
    if (out.length >= k) break;
    if (maxPerCategory > 0 && c.category !== undefined) {
      const n = counts.get(c.category) ?? 0;
      if (n >= maxPerCategory) continue;
      counts.set(c.category, n + 1);
    }
    out.push(c);
  }
  return out;
}
