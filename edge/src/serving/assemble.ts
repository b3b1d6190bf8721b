/**
 * The answer for the final items: their metadata (the catalogue's, see catalog-view.ts) and int8-packed
 * vectors (for on-device re-ranking), fetched in one `getByIds` from the index that served the request.
 */
import { packVectors } from '../../../contracts/packed-vectors.ts';
import type {
  ItemMetadata,
  RecommendationResponse,
  RecommendedItem,
} from '../../../contracts/recommendations.ts';
import type { Candidate } from '../rules/types.ts';
import { itemMetadata } from './catalogue.ts';
import { cachedItems, cacheItems } from './item-cache.ts';

/** What identifies an answer besides its items. */
export interface AnswerMeta {
  recId: string;
  model: string;
  placement: string;
  variant?: string;
}

/**
 * Build the response; items the index no longer has are dropped (the catalogue changed meanwhile).
 * Items come from `known`, then the per-isolate cache, then one `getByIds` for the rest.
 */
export async function assemble(
  index: Vectorize,
  final: readonly Candidate[],
  meta: AnswerMeta,
  dim: number,
  known: readonly VectorizeVector[] = [],
  metadata: (id: string, fromIndex: ItemMetadata) => ItemMetadata = (_, m) => m,
): Promise<RecommendationResponse> {
  const have = new Map(known.map((v) => [v.id, v]));
  const wanted = final.map((c) => c.id).filter((id) => !have.has(id));
  for (const v of cachedItems(meta.model, wanted)) have.set(v.id, v);
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length > 0) {
    const fetched = await index.getByIds(missing);
    cacheItems(meta.model, fetched);
    for (const v of fetched) have.set(v.id, v);
  }
  const items: RecommendedItem[] = [];
  const vectors: ArrayLike<number>[] = [];
  for (const c of final) {
    const v = have.get(c.id);
    if (!v || v.values.length !== dim) continue;
    items.push({
      id: c.id,
      score: c.score,
      ...metadata(c.id, itemMetadata(v.metadata as Record<string, unknown> | undefined)),
    });
    vectors.push(v.values);
  }
  const response: RecommendationResponse = {
    recId: meta.recId,
    model: meta.model,
    placement: meta.placement,
    items,
  };
  if (meta.variant !== undefined) response.variant = meta.variant;
  if (items.length > 0) response.vectors = packVectors(vectors, dim);
  return response;
}
