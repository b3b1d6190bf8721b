/**
 * Per-isolate cache of item vectors and metadata, keyed by model version, so a warm answer does not
 * fetch the same popular items from the index again. Entries expire after TTL_MS so catalogue
 * changes (price, stock shown to the visitor) reach answers within a minute; the stock *rule* itself
 * runs inside the index on every query and is never stale.
 */

/** How long a cached item is trusted. */
export const TTL_MS = 60_000;
/** Most items kept per isolate (least recently used go first). */
export const MAX_ITEMS = 20_000;

interface Entry {
  vector: VectorizeVector;
  at: number;
}

const caches = new Map<string, Map<string, Entry>>();

/** The cached vectors of `ids` for model `version` (missing or stale ones left out). */
export function cachedItems(version: string, ids: readonly string[], now = Date.now()): VectorizeVector[] {
  const cache = caches.get(version);
  if (!cache) return [];
  const out: VectorizeVector[] = [];
  for (const id of ids) {
    const e = cache.get(id);
    if (!e) continue;
    if (now - e.at > TTL_MS) {
      cache.delete(id);
      continue;
    }
    // Re-insert: Map order is the LRU order.
    cache.delete(id);
    cache.set(id, e);
    out.push(e.vector);
  }
  return out;
}

/** Remember `vectors` for model `version`; other versions' caches are dropped (a swap happened). */
export function cacheItems(version: string, vectors: readonly VectorizeVector[], now = Date.now()): void {
  for (const v of caches.keys()) if (v !== version) caches.delete(v);
  let cache = caches.get(version);
  if (!cache) {
    cache = new Map();
    caches.set(version, cache);
  }
  for (const vector of vectors) {
    cache.delete(vector.id);
    cache.set(vector.id, { vector, at: now });
  }
  while (cache.size > MAX_ITEMS) cache.delete(cache.keys().next().value!);
}

/** Vectors of `ids` for model `version`: cached ones, then one `getByIds` for the rest (cached too). */
export async function itemsById(
  index: Vectorize,
  version: string,
  ids: readonly string[],
): Promise<VectorizeVector[]> {
  const found = cachedItems(version, ids);
  const have = new Set(found.map((v) => v.id));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length > 0) {
    const fetched = await index.getByIds(missing);
    cacheItems(version, fetched);
    found.push(...fetched);
  }
  return found;
}
