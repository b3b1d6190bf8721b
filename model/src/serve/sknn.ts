/**
 * Vector-multiplied session-kNN (V-SKNN, Ludewig & Jannach 2018, as in session-rec's
 * VMContextKNN with weighting 'div' and score decay 'div') over the online signals' session pool.
 */
import type { OnlineSignals, SessionRecord } from './signals.ts';

/** Neighbour count and candidate pool size. */
export interface SknnConfig {
  k: number;
  sample: number;
}

/** session-rec's defaults for this data set. */
export const DEFAULT_SKNN: SknnConfig = { k: 100, sample: 500 };

/** Item scores from the k most similar recent sessions; `selfKey` (the session asking) is skipped. */
export function sknnScores(
  signals: OnlineSignals,
  sessionItems: readonly number[],
  selfKey: string | undefined,
  { k, sample }: SknnConfig = DEFAULT_SKNN,
): Map<number, number> {
  const scores = new Map<number, number>();
  const n = sessionItems.length;
  if (n === 0) return scores;
  // Position weight: the later an item was clicked, the more it counts (its last click wins).
  const weight = new Map<number, number>();
  sessionItems.forEach((item, p) => {
    weight.set(item, (p + 1) / n);
  });
  const selfHandle = selfKey === undefined ? undefined : signals.sessionHandle.get(selfKey);
  const pool = new Set<number>();
  for (const item of weight.keys())
    for (const h of signals.itemSessions.get(item) ?? []) if (h !== selfHandle) pool.add(h);
  const recent = [...pool]
    .map((h) => signals.sessions.get(h))
    .filter((r): r is SessionRecord => r !== undefined && !signals.isMuted(r))
    .sort((a, b) => b.last - a.last)
    .slice(0, sample);
  const neighbours = recent
    .map((r) => {
      let sim = 0;
      for (const [item, w] of weight) if (r.items.has(item)) sim += w;
      return { r, sim: sim / weight.size };
    })
    .filter((x) => x.sim > 0)
    .sort((a, b) => b.sim - a.sim)
    .slice(0, k);
  for (const { r, sim } of neighbours) {
    // Decay by how far back the most recent session item this neighbour shares was clicked.
    let step = 1;
    for (let p = n - 1; p >= 0 && !r.items.has(sessionItems[p]); p--) step++;
    const s = sim / step;
    for (const item of r.items) scores.set(item, (scores.get(item) ?? 0) + s);
  }
  return scores;
}
