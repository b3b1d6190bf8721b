/**
 * The catalogue's part in a publish: the site's stored items (through the catalogue API) decide the
 * index metadata the index filters on (category, stock), and every stored item the model was not
 * trained on gets a vector from the item tower's features. The model folder carries vectors only.
 */
import type { CatalogItem, CatalogPage } from '../../../contracts/catalog.ts';
import { featureVector, type ItemFeatureTables } from '../../../model/src/serve/item-features.ts';
import type { Chunk } from '../../src/vectorize/chunk-codec.ts';
import type { AdminClient } from './admin-client.ts';

/** What the index needs of a stored item. */
export type StoredItem = Pick<CatalogItem, 'category' | 'price' | 'inStock'>;

/** Every live item of `site`'s catalogue, paged through `GET /v1/catalog/items`. */
export async function readStore(admin: AdminClient, site: string): Promise<Map<string, StoredItem>> {
  const items = new Map<string, StoredItem>();
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ key: site, limit: '1000', ...(cursor ? { cursor } : {}) });
    const page = await admin.call<CatalogPage>('GET', `/v1/catalog/items?${query}`);
    for (const { id, category, price, inStock } of page?.items ?? [])
      items.set(id, { category, price, inStock });
    cursor = page?.cursor;
  } while (cursor);
  return items;
}

const metadataOf = (item: StoredItem): Record<string, string | boolean> =>
  item.category === undefined
    ? { inStock: item.inStock }
    : { category: item.category, inStock: item.inStock };

/** `chunk` with the store's metadata for the items it has (the ids are marked in `seen`). */
export function withStoreMetadata(
  chunk: Chunk,
  store: ReadonlyMap<string, StoredItem>,
  seen: Set<string>,
): Chunk {
  const metadata = chunk.ids.map((id, i) => {
    const item = store.get(id);
    if (!item) return chunk.metadata?.[i] ?? null;
    seen.add(id);
    return metadataOf(item);
  });
  return { ...chunk, metadata };
}

/** Vectors from features for stored items the model has no vector for, in chunks of `size`. */
export function* featureChunks(
  store: ReadonlyMap<string, StoredItem>,
  seen: ReadonlySet<string>,
  tables: ItemFeatureTables,
  size = 5000,
): Generator<Chunk> {
  const ids = [...store.keys()].filter((id) => !seen.has(id));
  for (let i = 0; i < ids.length; i += size) {
    const part = ids.slice(i, i + size);
    const values = new Float32Array(part.length * tables.dim);
    part.forEach((id, j) => {
      const item = store.get(id)!;
      values.set(featureVector(tables, { category: item.category, price: item.price }), j * tables.dim);
    });
    yield { dims: tables.dim, ids: part, values, metadata: part.map((id) => metadataOf(store.get(id)!)) };
  }
}
