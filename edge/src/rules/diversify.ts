/** Diversity: at most N items of one category per answer while others exist, keeping the order. */
import type { Candidate } from './types.ts';

/**
 * The first `k` candidates, in order, skipping any whose category already has `maxPerCategory` items
 * (0 = no limit); items without a category are not limited. The limit shapes the answer, it does not
 * shorten it: when too few categories are left to fill `k`, the skipped items follow, in order.
 */
export function diversify(candidates: readonly Candidate[], k: number, maxPerCategory: number): Candidate[] {
  const out: Candidate[] = [];
  const skipped: Candidate[] = [];
  const counts = new Map<string, number>();
  for (const c of candidates) {
    if (out.length >= k) break;
    if (maxPerCategory > 0 && c.category !== undefined) {
      const n = counts.get(c.category) ?? 0;
      if (n >= maxPerCategory) {
        skipped.push(c);
        continue;
      }
      counts.set(c.category, n + 1);
    }
    out.push(c);
  }
  for (const c of skipped) {
    if (out.length >= k) break;
    out.push(c);
  }
  return out;
}
