/** Order a request's ranker rows by the learned ranker, best first (ties by blend order). */
import type { ScoredItem } from '../serve/pipeline.ts';
import type { RankerRows } from './features.ts';
import { RANKER_FEATURES } from './features.ts';
import { type LambdaMartModel, scoreRow } from './lambdamart.ts';

const R = RANKER_FEATURES.length;

/** The top `k` of `rows` by `model` (its first `trees` trees). */
export function rankWithRanker(
  rows: RankerRows,
  model: LambdaMartModel,
  k: number,
  trees?: number,
): ScoredItem[] {
  return rows.ids
    .map((id, r) => ({ id, r, score: scoreRow(model, rows.rows.subarray(r * R, (r + 1) * R), trees) }))
    .sort((a, b) => b.score - a.score || a.r - b.r)
    .slice(0, k)
    .map(({ id, score }) => ({ id, score }));
}
