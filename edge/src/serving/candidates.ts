/** Vectorize matches → rule candidates (similarity where higher is better, category, stock). */
import type { Candidate } from '../rules/types.ts';
import { similarity } from '../vectorize/metric.ts';

/** Candidates from a query answered with `returnMetadata: 'indexed'`. */
export function fromMatches(
  matches: readonly VectorizeMatch[],
  metric: VectorizeDistanceMetric,
): Candidate[] {
  return matches.map((m) => {
    const c: Candidate = { id: m.id, score: similarity(metric, m.score) };
    const category = m.metadata?.category;
    const inStock = m.metadata?.inStock;
    if (typeof category === 'string') c.category = category;
    if (typeof inStock === 'boolean') c.inStock = inStock;
    return c;
  });
}

/** Candidates for items known by id only (trending, pins), from `getByIds` results. */
export function fromVectors(
  vectors: readonly VectorizeVector[],
  scoreOf: (id: string) => number,
): Candidate[] {
  return vectors.map((v) => {
    const c: Candidate = { id: v.id, score: scoreOf(v.id) };
    const category = v.metadata?.category;
    const inStock = v.metadata?.inStock;
    if (typeof category === 'string') c.category = category;
    if (typeof inStock === 'boolean') c.inStock = inStock;
    return c;
  });
}
