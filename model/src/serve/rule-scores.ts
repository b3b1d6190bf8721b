/** Candidate scores from the rule signals: sequential rules and co-occurrence of recent items. */
import type { OnlineSignals } from './signals.ts';

/**
 * Sum of rule rows of the session's last `depth` items, the d-th from the end weighted 1/d
 * (depth 1 = session-rec's SR / AR, which look at the last item only).
 */
export function ruleScores(
  rows: OnlineSignals['seq'],
  sessionItems: readonly number[],
  depth = 1,
): Map<number, number> {
  const scores = new Map<number, number>();
  for (let d = 1; d <= Math.min(depth, sessionItems.length); d++) {
    const row = rows.get(sessionItems[sessionItems.length - d]);
    if (!row) continue;
    for (const [item, w] of row) scores.set(item, (scores.get(item) ?? 0) + w / d);
  }
  return scores;
}
