/** Top-k selection over sparse scores, deterministic on ties (lower item index first). */

/** The k best items of `scores`, best first; filled from `fallback` (in order) when short. */
export function topK(scores: Map<number, number>, k: number, fallback: readonly number[] = []): number[] {
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
  const out = ranked.map(([item]) => item);
  if (out.length < k) {
    const taken = new Set(out);
    for (const item of fallback) {
      if (out.length >= k) break;
      if (!taken.has(item)) out.push(item);
    }
  }
  return out;
}

/** Indices of the k largest values, best first (ties: lower index first); one pass, no full sort. */
export function topKDense(values: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (best.length === k && v <= values[best[k - 1]]) continue;
    let at = best.length;
    while (at > 0 && values[best[at - 1]] < v) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
