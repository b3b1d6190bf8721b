/**
 * Scores per distance metric as Vectorize reports them
 * (https://developers.cloudflare.com/vectorize/best-practices/create-indexes/#distance-metrics):
 * cosine similarity in [-1, 1], higher first; euclidean (L2) distance, lower first; dot-product as the
 * *negative* dot product, lower first.
 */

/** Score of one stored vector (`values[offset .. offset+dims)`) against the query. */
export type ScoreFn = (values: Float32Array, offset: number) => number;

/** True when a lower score means more similar for this metric. */
export function ascending(metric: VectorizeDistanceMetric): boolean {
  return metric !== 'cosine';
}

/** Similarity where higher is always better, whatever the metric (for ranking code above the index). */
export function similarity(metric: VectorizeDistanceMetric, score: number): number {
  return ascending(metric) ? -score : score;
}

/** Squared L2 norm of a slice. */
export function squaredNorm(values: Float32Array, offset: number, dims: number): number {
  let s = 0;
  for (let j = 0; j < dims; j++) s += values[offset + j]! * values[offset + j]!;
  return s;
}

/**
 * Build the scoring function for a query. Cosine uses the stored vectors' precomputed inverse norms
 * (`invNorms[slot]`) so the inner loop is a plain dot product.
 */
export function scorer(
  metric: VectorizeDistanceMetric,
  query: Float32Array,
  invNorms: Float32Array,
): ScoreFn {
  const dims = query.length;
  if (metric === 'euclidean') {
    return (values, offset) => {
      let s = 0;
      for (let j = 0; j < dims; j++) {
        const d = query[j]! - values[offset + j]!;
        s += d * d;
      }
      return Math.sqrt(s);
    };
  }
  const dot = (values: Float32Array, offset: number) => {
    let s = 0;
    for (let j = 0; j < dims; j++) s += query[j]! * values[offset + j]!;
    return s;
  };
  if (metric === 'dot-product') return (values, offset) => -dot(values, offset);
  const qn = Math.sqrt(squaredNorm(query, 0, dims));
  const invQ = qn === 0 ? 0 : 1 / qn;
  return (values, offset) => dot(values, offset) * invNorms[offset / dims]! * invQ;
}
