/**
 * The learned ranker's input: a cascade over the linear blend. The blend's top `depth` candidates
 * of a request are kept, each described by the re-rank features (rerank.ts) plus the blend's own
 * score and rank and the session's length (a per-request value trees can split on, so short and
 * long sessions may weigh the signals differently). Pure: the served pipeline could run it.
 */
import { blendScores, type CandidateTable, RERANK_FEATURES, type RerankWeights } from '../serve/rerank.ts';

/** Feature names of a ranker row, in column order. */
export const RANKER_FEATURES = [...RERANK_FEATURES, 'blend', 'blendRank', 'sessionLength'] as const;
export type RankerFeature = (typeof RANKER_FEATURES)[number];

/** The candidates one request passes to the ranker, best blend first, a row of features each. */
export interface RankerRows {
  ids: string[];
  /** `ids.length` rows of `RANKER_FEATURES.length` values. */
  rows: Float32Array;
}

/** The blend's top `depth` of `table` (ties by id, as rankCandidates) with their ranker rows. */
export function rankerRows(
  table: CandidateTable,
  weights: RerankWeights,
  depth: number,
  sessionLength: number,
): RankerRows {
  const scores = blendScores(table, weights);
  const order = table.ids
    .map((_, c) => c)
    .sort((a, b) => scores[b] - scores[a] || (table.ids[a] < table.ids[b] ? -1 : 1))
    .slice(0, depth);
  const F = RERANK_FEATURES.length;
  const R = RANKER_FEATURES.length;
  const rows = new Float32Array(order.length * R);
  order.forEach((c, r) => {
    rows.set(table.features.subarray(c * F, (c + 1) * F), r * R);
    rows[r * R + F] = scores[c];
    rows[r * R + F + 1] = r;
    rows[r * R + F + 2] = sessionLength;
  });
  return { ids: order.map((c) => table.ids[c]), rows };
}
