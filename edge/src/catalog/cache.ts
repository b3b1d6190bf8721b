/**
 * Per-isolate cache of catalogue rows, so a warm answer reads no D1. Every entry is trusted for
 * TTL_MS only: a write acknowledged at t is seen by every isolate's answers from t + TTL_MS on
 * (D1 answers reads from its primary, which acknowledged the write), which is how "out of stock
 * within a second" holds with many isolates and no invalidation messages. The isolate that took the
 * write forgets its entries at once.
 */
import type { CatalogRow } from './row.ts';
import { hasCatalog, readItems, recentItems } from './store.ts';

/** How long a cached row (or "no such item", or the site's catalogue flag) is trusted. */
export const TTL_MS = 500;
/** Most rows kept per isolate (least recently used go first). */
export const MAX_ROWS = 50_000;
/** Items written this recently are served from the store before the index has them. */
export const FRESH_WINDOW_MS = 10 * 60_000;
/** Most fresh items one answer considers. */
export const MAX_FRESH = 100;

interface Entry<T> {
  value: T;
  at: number;
}

/** `site\n id` → row, or null when the store has no such item. */
const rows = new Map<string, Entry<CatalogRow | null>>();
const governed = new Map<string, Entry<boolean>>();
const fresh = new Map<string, Entry<Promise<CatalogRow[]>>>();

const keyOf = (site: string, id: string) => `${site}\n${id}`;

/** The stored rows of `ids` (null: the store has none), from the cache, then one D1 read for the rest. */
export async function catalogRows(
  db: D1Database,
  site: string,
  ids: readonly string[],
  now = Date.now(),
): Promise<Map<string, CatalogRow | null>> {
  const out = new Map<string, CatalogRow | null>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const key = keyOf(site, id);
    const e = rows.get(key);
    if (e && now - e.at < TTL_MS) {
      rows.delete(key);
      rows.set(key, e);
      out.set(id, e.value);
    } else missing.push(id);
  }
  if (missing.length === 0) return out;
  for (const id of missing) out.set(id, null);
  for (const row of await readItems(db, site, missing)) out.set(row.id, row);
  for (const id of missing) rows.set(keyOf(site, id), { value: out.get(id)!, at: now });
  while (rows.size > MAX_ROWS) rows.delete(rows.keys().next().value!);
  return out;
}

/**
 * Whether the site's catalogue decides what may be recommended: true once it has sent any item. A
 * site that never did (trying a model before sending items) is served from the model's own items.
 */
export async function catalogGoverns(db: D1Database, site: string, now = Date.now()): Promise<boolean> {
  const e = governed.get(site);
  if (e && (e.value || now - e.at < TTL_MS)) return e.value;
  const value = await hasCatalog(db, site);
  governed.set(site, { value, at: now });
  return value;
}

/** Live items written in the last FRESH_WINDOW_MS, newest first (one D1 read per TTL_MS per isolate). */
export function freshRows(db: D1Database, site: string, now = Date.now()): Promise<CatalogRow[]> {
  const e = fresh.get(site);
  if (e && now - e.at < TTL_MS) return e.value;
  const value = recentItems(db, site, now - FRESH_WINDOW_MS, MAX_FRESH);
  fresh.set(site, { value, at: now });
  value.catch(() => fresh.delete(site));
  return value;
}

/** After a write in this isolate: its answers see the write at once. */
export function forgetRows(site: string, ids: readonly string[]): void {
  for (const id of ids) rows.delete(keyOf(site, id));
  fresh.delete(site);
  governed.set(site, { value: true, at: Date.now() });
}
