/** HR@k and MRR@k over next-item predictions (full ranking; a miss scores 0). */
import type { RankingMetricsEntry } from '../../../contracts/schema/model-manifest.ts';
import type { Prediction } from './replay.ts';

/** Accumulates hit rate and reciprocal rank at cut-off k. */
export function createMetrics(k: number) {
  let hits = 0;
  let rr = 0;
  let n = 0;
  return {
    add(p: Pick<Prediction, 'items' | 'next'>): void {
      this.addRank(p.items.slice(0, k).indexOf(p.next));
    },
    /** Count one prediction whose target sits at 0-based `rank` (negative: not ranked). */
    addRank(rank: number): void {
      n++;
      if (rank >= 0 && rank < k) {
        hits++;
        rr += 1 / (rank + 1);
      }
    },
    result(): RankingMetricsEntry {
      return { k, hr: n ? hits / n : 0, mrr: n ? rr / n : 0, n };
    },
  };
}
