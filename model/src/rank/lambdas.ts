/**
 * Lambda gradients (Burges, "From RankNet to LambdaRank to LambdaMART", 2010) for next-item queries,
 * which have exactly one relevant candidate: only the pairs (relevant, other) carry a lambda, so a
 * query costs O(candidates log candidates) for its ranks. Each pair's RankNet gradient is scaled by
 * how much swapping the two would change the metric (NDCG or MRR, untruncated so a target ranked
 * below 20 still moves up).
 */

/** Queries over row-major candidates: query q holds rows `start[q]` … `start[q + 1] − 1`. */
export interface Queries {
  start: Int32Array;
  /** Per query, the relevant row's offset within the query, or −1 when it is not a candidate. */
  target: Int32Array;
}

/** The metric the lambdas follow. */
export type LambdaMetric = 'ndcg' | 'mrr';

const gainAt: Record<LambdaMetric, (rank: number) => number> = {
  ndcg: (rank) => 1 / Math.log2(rank + 2),
  mrr: (rank) => 1 / (rank + 1),
};

/** Fill `g` / `h` (first and second derivatives of the loss in each row's score) from `scores`. */
export function lambdaGradients(
  queries: Queries,
  scores: Float64Array,
  metric: LambdaMetric,
  g: Float32Array,
  h: Float32Array,
  sigma = 1,
): void {
  g.fill(0);
  h.fill(0);
  const gain = gainAt[metric];
  for (let q = 0; q < queries.target.length; q++) {
    const t = queries.target[q];
    if (t < 0) continue;
    const from = queries.start[q];
    const n = queries.start[q + 1] - from;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[from + b] - scores[from + a]);
    const rank = new Int32Array(n);
    order.forEach((i, r) => {
      rank[i] = r;
    });
    const p = from + t;
    const gp = gain(rank[t]);
    for (let i = 0; i < n; i++) {
      if (i === t) continue;
      const delta = Math.abs(gp - gain(rank[i]));
      const rho = 1 / (1 + Math.exp(sigma * (scores[p] - scores[from + i])));
      const lambda = sigma * delta * rho;
      const hess = sigma * sigma * delta * rho * (1 - rho);
      g[p] -= lambda;
      g[from + i] += lambda;
      h[p] += hess;
      h[from + i] += hess;
    }
  }
}
