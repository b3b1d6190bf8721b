/**
 * Catalogue writes → the active model's index, in the background: every item's `category` and
 * `inStock` metadata (what the index filters on), a vector from the item tower's features for an
 * item the model was not trained on, and removal of such an item once deleted. Vectorize applies
 * mutations asynchronously, so answers never depend on this having happened: the serving path
 * checks every candidate against the catalogue and serves fresh items from the store
 * (serving/catalog-view.ts). This only keeps the index's own filters and neighbours close behind.
 */
import { featureVector } from '../../../model/src/serve/item-features.ts';
import { errorFields, log } from '../log.ts';
import { activeModel } from '../model-registry/active-model.ts';
import { vectorIndex } from '../vectorize/binding.ts';
import { VECTORIZE_LIMITS } from '../vectorize/limits.ts';
import type { CatalogRow } from './row.ts';
import { readItems } from './store.ts';

const GET_BATCH = 20;
const encoder = new TextEncoder();

/** The index metadata of a stored row (only what the index filters on; the rest is read from D1). */
export function indexMetadata(row: CatalogRow): Record<string, VectorizeVectorMetadata> {
  const meta: Record<string, VectorizeVectorMetadata> = { inStock: row.deleted === 0 && row.in_stock === 1 };
  if (row.category !== null) meta.category = row.category;
  return meta;
}

/** Bring the index in line with the stored state of `ids` of `site`. */
export async function syncIndex(env: Env, site: string, ids: readonly string[]): Promise<void> {
  const model = await activeModel(env.MODELS);
  if (!model) return;
  const index = vectorIndex(env, model.slot);
  const rows = (await readItems(env.CATALOG, site, ids)).filter(
    (r) => encoder.encode(r.id).byteLength <= VECTORIZE_LIMITS.maxIdBytes,
  );
  const trainedIds = rows.filter((r) => model.index.has(r.id)).map((r) => r.id);
  const trained = new Map<string, VectorizeVector>();
  for (let i = 0; i < trainedIds.length; i += GET_BATCH)
    for (const v of await index.getByIds(trainedIds.slice(i, i + GET_BATCH))) trained.set(v.id, v);
  const upserts: VectorizeVector[] = [];
  const deletes: string[] = [];
  for (const row of rows) {
    const have = trained.get(row.id);
    if (have) upserts.push({ id: row.id, values: have.values, metadata: indexMetadata(row) });
    else if (row.deleted === 1) deletes.push(row.id);
    else if (model.features && model.features.dim === model.manifest.dim) {
      const values = featureVector(model.features, {
        category: row.category ?? undefined,
        price: row.price ?? undefined,
      });
      upserts.push({ id: row.id, values, metadata: indexMetadata(row) });
    }
  }
  for (let i = 0; i < upserts.length; i += VECTORIZE_LIMITS.maxBatchFromWorker)
    await index.upsert(upserts.slice(i, i + VECTORIZE_LIMITS.maxBatchFromWorker));
  if (deletes.length > 0) await index.deleteByIds(deletes);
}

/** `syncIndex`, logged instead of thrown (it runs after the answer). */
export function syncIndexQuietly(env: Env, site: string, ids: readonly string[]): Promise<void> {
  return syncIndex(env, site, ids).catch((err) =>
    log('error', 'catalog index sync failed', { site, items: ids.length, ...errorFields(err) }),
  );
}
