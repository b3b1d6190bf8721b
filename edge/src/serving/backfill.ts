/**
 * The last source of an answer: when retrieval and the rules leave fewer than k items (a cold
 * start before anything trends, a session whose items the model does not know, rules that filter
 * hard), more items come from the index itself, walked in the model's item order, ranked after
 * everything retrieved. A short widget is a bug a visitor sees; this keeps answers full whenever
 * the catalogue has k eligible items.
 */
import type { Candidate } from '../rules/types.ts';
import { fromVectors } from './candidates.ts';
import { itemsById } from './item-cache.ts';
import type { Retrieved } from './retrieve.ts';

/** Ids fetched per `getByIds` call (Vectorize's limit for one call). */
const BATCH = 20;
/** Most ids looked at, so a request whose rules exclude nearly everything stays bounded. */
export const MAX_BACKFILL_IDS = 400;

/**
 * `retrieved` plus up to `want` eligible candidates it did not hold, from `itemOrder` (the model's
 * items). `eligible` keeps the candidates that may be shown (catalogue and hard rules, with the
 * catalogue's category and stock); scores are below every retrieved score, in order.
 */
export async function backfill(
  index: Vectorize,
  version: string,
  itemOrder: readonly string[],
  retrieved: Retrieved,
  want: number,
  eligible: (candidates: Candidate[]) => Promise<Candidate[]>,
): Promise<Retrieved> {
  const seen = new Set(retrieved.candidates.map((c) => c.id));
  const fresh: Candidate[] = [];
  const known = [...retrieved.known];
  const ids = itemOrder.filter((id) => !seen.has(id)).slice(0, MAX_BACKFILL_IDS);
  for (let i = 0; i < ids.length && fresh.length < want; i += BATCH) {
    const vectors = await itemsById(index, version, ids.slice(i, i + BATCH));
    known.push(...vectors);
    fresh.push(...(await eligible(fromVectors(vectors, () => 0))));
  }
  const floor = Math.min(0, ...retrieved.candidates.map((c) => c.score));
  const fill = fresh.map((c, i) => ({ ...c, score: floor - (i + 1) / (fresh.length + 1) }));
  return { candidates: [...retrieved.candidates, ...fill], known };
}
