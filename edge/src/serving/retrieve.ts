/**
 * First-stage retrieval per strategy: nearest items to a session vector, items similar to an item,
 * or trending items. All go through the `Vectorize` interface; trending reads this isolate's replica
 * of the site's signals.
 */

import type { Candidate } from '../rules/types.ts';
import type { SignalsReplica } from '../signals/replica.ts';
import { VECTORIZE_LIMITS } from '../vectorize/limits.ts';
import { fromMatches, fromVectors } from './candidates.ts';
import { itemsById } from './item-cache.ts';

/** Candidates plus any full vectors already fetched (so the answer need not fetch them again). */
export interface Retrieved {
  candidates: Candidate[];
  known: VectorizeVector[];
}

/** How many candidates to fetch: enough to re-rank and filter, within Vectorize's topK limit. */
export function candidateCount(k: number, wanted: number): number {
  return Math.min(VECTORIZE_LIMITS.maxTopK, Math.max(wanted, k * 4));
}

/** Items nearest to `vector` (the session vector, or an item's own vector). */
export async function nearest(
  index: Vectorize,
  vector: Float32Array | number[],
  opts: {
    topK: number;
    namespace?: string;
    filter?: VectorizeVectorMetadataFilter;
    metric: VectorizeDistanceMetric;
  },
): Promise<Retrieved> {
  const { matches } = await index.query(vector, queryOptions(opts));
  return { candidates: fromMatches(matches, opts.metric), known: [] };
}

/** A first-stage query: ids with the indexed metadata the rules read (category, stock). */
function queryOptions(opts: {
  topK: number;
  namespace?: string;
  filter?: VectorizeVectorMetadataFilter;
}): VectorizeQueryOptions {
  return { topK: opts.topK, namespace: opts.namespace, filter: opts.filter, returnMetadata: 'indexed' };
}

/**
 * Items similar to `itemId`; undefined when the index does not have the item. One index call
 * (`queryById`) where reading the item's vector first took two in a row: on a product page, the
 * similar-items answer waits for one Vectorize round trip instead of two.
 */
export async function similarTo(
  index: Vectorize,
  itemId: string,
  opts: { topK: number; filter?: VectorizeVectorMetadataFilter; metric: VectorizeDistanceMetric },
): Promise<Retrieved | undefined> {
  const options = queryOptions({ ...opts, topK: Math.min(opts.topK + 1, VECTORIZE_LIMITS.maxTopK) });
  // An id the index does not hold fails the query (the stand-in) or may match nothing: only then
  // is the item looked up, and any other failure is the answer's.
  const held = async () => (await index.getByIds([itemId])).length > 0;
  const matches = await index.queryById(itemId, options).then(
    async ({ matches }) => (matches.length > 0 || (await held()) ? matches : undefined),
    async (err) => {
      if (await held()) throw err;
      return undefined;
    },
  );
  if (!matches) return undefined;
  const candidates = fromMatches(matches, opts.metric).filter((c) => c.id !== itemId);
  return { candidates, known: [] };
}

/** The site's trending items (decayed popularity), with their metadata (cache, then the index). */
export async function trending(
  index: Vectorize,
  signals: Pick<SignalsReplica, 'trending'>,
  n: number,
  version: string,
): Promise<Retrieved> {
  const top = await signals.trending(n, version);
  if (top.length === 0) return { candidates: [], known: [] };
  const scores = new Map(top.map((t) => [t.id, t.score]));
  const known = await itemsById(index, version, [...scores.keys()]);
  const candidates = fromVectors(known, (id) => scores.get(id) ?? 0).sort((a, b) => b.score - a.score);
  return { candidates, known };
}

/**
 * Few trending items fall into one category: fill a cold-start answer for `category` up to `want`
 * candidates with that category's items nearest to the mean vector of what trends (items like the
 * popular ones), ranked after every trending item. Trending items' vectors are in `known`.
 */
export async function fillCategory(
  index: Vectorize,
  retrieved: Retrieved,
  category: string,
  want: number,
  opts: { filter?: VectorizeVectorMetadataFilter; metric: VectorizeDistanceMetric },
): Promise<Retrieved> {
  const have = retrieved.candidates.filter((c) => c.category === category).length;
  const popular = retrieved.known.filter((v) => v.values.length > 0);
  if (have >= want || popular.length === 0) return retrieved;
  const dim = popular[0]!.values.length;
  const mean = new Float32Array(dim);
  for (const v of popular)
    for (let j = 0; j < dim; j++) mean[j] = mean[j]! + (v.values[j] ?? 0) / popular.length;
  const topK = Math.min(VECTORIZE_LIMITS.maxTopK, want * 2 + have);
  const near = await nearest(index, mean, { topK, filter: opts.filter, metric: opts.metric });
  const seen = new Set(retrieved.candidates.map((c) => c.id));
  const fresh = near.candidates.filter((c) => !seen.has(c.id));
  // Scores below every trending score (decayed counts, > 0) and above 0, in the index's order.
  const floor = Math.min(1, ...retrieved.candidates.map((c) => c.score));
  const fill = fresh.map((c, i) => ({ ...c, score: (floor * (fresh.length - i)) / (fresh.length + 1) }));
  return { candidates: [...retrieved.candidates, ...fill], known: retrieved.known };
}
