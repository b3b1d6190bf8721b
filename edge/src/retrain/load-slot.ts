/**
 * A new model's item vectors into the blue/green slot the active model does not use, with the
 * metadata answers filter on (category, stock) from the run's catalogue snapshot, else what the
 * model carries. The local stand-in is emptied and loaded in chunks (as `npm run publish-model`
 * does through the admin API); real Vectorize is upserted in batches, and, since its mutations
 * apply asynchronously, `slotHolds` tells the Workflow when the index holds them all.
 */
import type { VectorSet } from '../../../model/src/export/vector-file.ts';
import { ITEM_METADATA_INDEXES } from '../serving/catalogue.ts';
import {
  indexName,
  localVectorIndex,
  type Slot,
  usesRealVectorize,
  vectorIndex,
} from '../vectorize/binding.ts';
import type { CatalogueItem } from './run-work.ts';

const STAND_IN_CHUNK = 5000;
/** Vectors per `upsert` call of the Vectorize binding (its documented maximum is 1,000 from a Worker). */
const VECTORIZE_BATCH = 1000;

type Metadata = Record<string, VectorizeVectorMetadata>;

function metadataOf(set: VectorSet, i: number, catalogue: ReadonlyMap<string, CatalogueItem>): Metadata {
  const item = catalogue.get(set.ids[i]);
  if (!item) {
    const m = set.metadata[i] ?? {};
    return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Metadata;
  }
  return item.category === undefined
    ? { inStock: item.inStock }
    : { category: item.category, inStock: item.inStock };
}

/** Load `set` into `slot`; returns how many vectors were written. */
export async function loadSlot(
  env: Env,
  slot: Slot,
  set: VectorSet,
  catalogue: ReadonlyMap<string, CatalogueItem>,
): Promise<number> {
  const n = set.ids.length;
  const rows = (from: number, to: number) => ({
    ids: set.ids.slice(from, to),
    values: set.values.slice(from * set.dim, to * set.dim),
    metadata: Array.from({ length: to - from }, (_, j) => metadataOf(set, from + j, catalogue)),
  });
  if (usesRealVectorize(env)) {
    const index = vectorIndex(env, slot);
    for (let i = 0; i < n; i += VECTORIZE_BATCH) {
      const r = rows(i, Math.min(n, i + VECTORIZE_BATCH));
      await index.upsert(
        r.ids.map((id, j) => ({
          id,
          values: r.values.subarray(j * set.dim, (j + 1) * set.dim),
          metadata: r.metadata[j],
        })),
      );
    }
    return n;
  }
  const index = localVectorIndex(env, indexName(env, slot));
  await index.deleteIndex();
  await index.createIndex({ dimensions: set.dim, metric: set.metric });
  for (const m of ITEM_METADATA_INDEXES) await index.createMetadataIndex(m);
  for (let i = 0; i < n; i += STAND_IN_CHUNK)
    await index.bulkUpsert(rows(i, Math.min(n, i + STAND_IN_CHUNK)));
  return n;
}

/** Whether `slot` holds at least `count` vectors of dimension `dim` (Vectorize applies writes later). */
export async function slotHolds(env: Env, slot: Slot, count: number, dim: number): Promise<boolean> {
  const d = await vectorIndex(env, slot).describe();
  return d.dimensions === dim && d.vectorCount >= count;
}
