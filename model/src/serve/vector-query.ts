/**
 * Nearest items through the shape of Vectorize's `query` (the real binding satisfies it), plus an
 * in-memory brute-force index over decoded item vectors used offline (predict/eval) and in tests.
 */
import type { VectorSet } from '../export/vector-file.ts';
import { topKDense } from './top-k.ts';

/** What the pipeline needs from Vectorize. */
export type VectorQuery = Pick<Vectorize, 'query'>;

type Filter = VectorizeVectorMetadataFilter;
type Value = string | number | boolean | null | undefined;

const ops: Record<string, (a: Value, b: unknown) => boolean> = {
  $eq: (a, b) => a === b,
  $ne: (a, b) => a !== b,
  $in: (a, b) => Array.isArray(b) && b.includes(a),
  $nin: (a, b) => Array.isArray(b) && !b.includes(a),
  $lt: (a, b) => a != null && (a as number) < (b as number),
  $lte: (a, b) => a != null && (a as number) <= (b as number),
  $gt: (a, b) => a != null && (a as number) > (b as number),
  $gte: (a, b) => a != null && (a as number) >= (b as number),
};

/** Whether metadata passes a Vectorize filter (implicit $eq, or an operator object per field). */
export function matchesFilter(metadata: Record<string, unknown>, filter: Filter | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([field, cond]) => {
    const value = metadata[field] as Value;
    if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) return value === cond;
    return Object.entries(cond).every(([op, arg]) => ops[op]?.(value, arg) ?? false);
  });
}

/** A `VectorQuery` over vectors held in memory (exact search; dot-product or cosine). */
export function createMemoryVectorIndex(set: VectorSet): VectorQuery {
  const { dim, values, ids } = set;
  const norms = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += values[i * dim + j] ** 2;
    norms[i] = Math.sqrt(s) || 1;
  }
  const scores = new Float32Array(ids.length);
  return {
    async query(vector, options = {}) {
      const q = Array.from(vector as ArrayLike<number>);
      const qn = Math.hypot(...q) || 1;
      const topK = options.topK ?? 5;
      for (let i = 0; i < ids.length; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += values[i * dim + j] * q[j];
        if (set.metric === 'cosine') s /= norms[i] * qn;
        if (set.metric === 'euclidean') s = -Math.sqrt(Math.max(0, norms[i] ** 2 + qn ** 2 - 2 * s));
        scores[i] =
          options.filter && !matchesFilter(set.metadata[i] as Record<string, unknown>, options.filter)
            ? -Infinity
            : s;
      }
      const best = topKDense(scores, topK).filter((i) => scores[i] > -Infinity);
      const withMeta =
        options.returnMetadata === true ||
        options.returnMetadata === 'all' ||
        options.returnMetadata === 'indexed';
      const matches = best.map((i) => ({
        id: ids[i],
        score: set.metric === 'euclidean' ? -scores[i] : scores[i],
        ...(withMeta ? { metadata: set.metadata[i] as Record<string, VectorizeVectorMetadata> } : {}),
        ...(options.returnValues ? { values: Array.from(values.subarray(i * dim, (i + 1) * dim)) } : {}),
      }));
      return { matches, count: matches.length };
    },
  };
}
