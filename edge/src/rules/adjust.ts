/** Boost and bury: additive score adjustments by item id or category, configured per site. */
import type { Candidate, ItemMatcher, Rules, ScoreRule } from './types.ts';

/** True when the matcher names the item's id or its category. */
export function matches(m: ItemMatcher, c: Candidate): boolean {
  return (
    (m.ids?.includes(c.id) ?? false) ||
    (c.category !== undefined && (m.categories?.includes(c.category) ?? false))
  );
}

const total = (rules: ScoreRule[], c: Candidate) =>
  rules.reduce((sum, r) => (matches(r, c) ? sum + r.by : sum), 0);

/** Candidates with boosts added and burials subtracted, re-sorted best first (stable for ties). */
export function adjustScores(
  candidates: readonly Candidate[],
  rules: Pick<Rules, 'boost' | 'bury'>,
): Candidate[] {
  if (rules.boost.length === 0 && rules.bury.length === 0) return [...candidates];
  return candidates
    .map((c, i) => ({ c: { ...c, score: c.score + total(rules.boost, c) - total(rules.bury, c) }, i }))
    .sort((a, b) => b.c.score - a.c.score || a.i - b.i)
    .map(({ c }) => c);
}
