/**
 * Scores per distance metric as Vectorize reports them
 * (https://developers.cloudflare.com/vectorize/best-practices/create-indexes/#distance-metrics):
 * cosine similarity in [-1, 1], higher first; euclidean (L2) distance, lower first; dot-product as the
 * *negative* dot product, lower first.
 */
import type { ScanMode } from './scan-kernel.ts';

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

/** What the scan kernel computes for this metric (scores are derived from it by `toScores`). */
export function scanMode(metric: VectorizeDistanceMetric): ScanMode {
  return metric === 'euclidean' ? 'l2sq' : 'dot';
}

/**
 * Turn the kernel's raw results for the first `count` rows into the metric's scores, in place:
 * dot-product negated, L2 distance from its square, cosine from the stored rows' inverse norms.
 */
export function toScores(
  metric: VectorizeDistanceMetric,
  query: Float32Array,
  raw: Float32Array,
  invNorms: Float32Array,
  count: number,
): void {
  if (metric === 'euclidean') {
    for (let i = 0; i < count; i++) raw[i] = Math.sqrt(raw[i]!);
  } else if (metric === 'dot-product') {
    for (let i = 0; i < count; i++) raw[i] = -raw[i]!;
  } else {
    const qn = Math.sqrt(squaredNorm(query, 0, query.length));
    const invQ = qn === 0 ? 0 : 1 / qn;
    for (let i = 0; i < count; i++) raw[i] = raw[i]! * invQ * invNorms[i]!;
  }
}
