/**
 * The catalogue in D1: conditional upserts (a write older than the stored state, its deletion
 * included, is ignored; a write with the same content changes nothing), tombstones, pages, and the
 * reads the serving path makes. One statement per write, so a bulk import is one D1 batch.
 */
import type { CatalogWrite } from '../../../contracts/schema/catalog-item.ts';
import { type CatalogRow, COLUMNS, contentOf } from './row.ts';

/** What a write did: changed the store, or not (same content, or older than what is stored). */
export type WriteOutcome = 'upserted' | 'unchanged';

const CONTENT = ['title', 'url', 'image', 'price', 'currency', 'category', 'in_stock', 'attributes'];
/** True when the stored row differs from the incoming one (a tombstone always does). */
const DIFFERS = `(catalog_items.deleted = 1 OR ${CONTENT.map((c) => `catalog_items.${c} IS NOT excluded.${c}`).join(' OR ')})`;

// `written_at` moves only when the content changes, so RETURNING it tells an upsert from a no-op;
// a write older than the stored state matches no row and returns nothing.
/** The site's next change version (see edge/migrations/0002). */
const NEXT_VERSION = '(SELECT COALESCE(MAX(v.version), 0) + 1 FROM catalog_items AS v WHERE v.site = ?1)';

const UPSERT = `INSERT INTO catalog_items
  (site, id, title, url, image, price, currency, category, in_stock, attributes, updated_at, deleted, written_at, version)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ${NEXT_VERSION})
  ON CONFLICT (site, id) DO UPDATE SET
    ${CONTENT.map((c) => `${c} = excluded.${c}`).join(', ')},
    updated_at = excluded.updated_at, deleted = 0,
    written_at = CASE WHEN ${DIFFERS} THEN excluded.written_at ELSE catalog_items.written_at END,
    version = CASE WHEN ${DIFFERS} THEN ${NEXT_VERSION} ELSE catalog_items.version END
  WHERE excluded.updated_at >= catalog_items.updated_at
  RETURNING written_at`;

const TOMBSTONE = `INSERT INTO catalog_items
  (site, id, title, url, image, price, currency, category, in_stock, attributes, updated_at, deleted, written_at, version)
  VALUES (?1, ?2, '', NULL, NULL, NULL, NULL, NULL, 0, '{}', ?3, 1, ?4, ${NEXT_VERSION})
  ON CONFLICT (site, id) DO UPDATE SET
    title = '', url = NULL, image = NULL, price = NULL, currency = NULL, category = NULL, in_stock = 0,
    attributes = '{}', updated_at = excluded.updated_at, deleted = 1,
    written_at = CASE WHEN catalog_items.deleted = 0 THEN excluded.written_at ELSE catalog_items.written_at END,
    version = CASE WHEN catalog_items.deleted = 0 THEN ${NEXT_VERSION} ELSE catalog_items.version END
  WHERE excluded.updated_at >= catalog_items.updated_at
  RETURNING written_at`;

function upsertStatement(db: D1Database, site: string, w: CatalogWrite, now: number): D1PreparedStatement {
  const c = contentOf(w);
  return db
    .prepare(UPSERT)
    .bind(
      site,
      w.id,
      c.title,
      c.url,
      c.image,
      c.price,
      c.currency,
      c.category,
      c.inStock ? 1 : 0,
      c.attributes,
      w.updatedAt ?? now,
      now,
    );
}

const outcome = (result: D1Result<{ written_at: number }>, now: number): WriteOutcome =>
  result.results[0]?.written_at === now ? 'upserted' : 'unchanged';

/** Upsert whole items in one batch (one transaction); outcomes in the order of `writes`. */
export async function upsertItems(
  db: D1Database,
  site: string,
  writes: readonly CatalogWrite[],
  now = Date.now(),
): Promise<WriteOutcome[]> {
  if (writes.length === 0) return [];
  const results = await db.batch<{ written_at: number }>(
    writes.map((w) => upsertStatement(db, site, w, now)),
  );
  return results.map((r) => outcome(r, now));
}

/** Delete an item: a tombstone at `updatedAt` (now by default) that older writes cannot overturn. */
export async function deleteItem(
  db: D1Database,
  site: string,
  id: string,
  updatedAt: number,
  now = Date.now(),
): Promise<WriteOutcome> {
  const result = await db.prepare(TOMBSTONE).bind(site, id, updatedAt, now).run<{ written_at: number }>();
  return outcome(result, now);
}

/** The stored row of one item, tombstones included; undefined when the store never had it. */
export async function readItem(db: D1Database, site: string, id: string): Promise<CatalogRow | undefined> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM catalog_items WHERE site = ?1 AND id = ?2`)
    .bind(site, id)
    .first<CatalogRow>();
  return row ?? undefined;
}

/** D1 binds at most 100 parameters per statement: the site takes one. */
const IDS_PER_QUERY = 99;

/** The stored rows of `ids` (tombstones included, unknown ids absent), a query per 99 ids. */
export async function readItems(db: D1Database, site: string, ids: readonly string[]): Promise<CatalogRow[]> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const marks = chunk.map((_, j) => `?${j + 2}`).join(', ');
    statements.push(
      db
        .prepare(`SELECT ${COLUMNS} FROM catalog_items WHERE site = ?1 AND id IN (${marks})`)
        .bind(site, ...chunk),
    );
  }
  if (statements.length === 0) return [];
  const results =
    statements.length === 1
      ? [await statements[0]!.all<CatalogRow>()]
      : await db.batch<CatalogRow>(statements);
  return results.flatMap((r) => r.results);
}

/** Live items in id order after `after` (a page of the export). */
export async function listItems(
  db: D1Database,
  site: string,
  after: string,
  limit: number,
): Promise<CatalogRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM catalog_items WHERE site = ?1 AND id > ?2 AND deleted = 0 ORDER BY id LIMIT ?3`,
    )
    .bind(site, after, limit)
    .all<CatalogRow>();
  return results;
}

/** Live items whose content changed after `since` (ms), newest first, at most `limit`. */
export async function recentItems(
  db: D1Database,
  site: string,
  since: number,
  limit: number,
): Promise<CatalogRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM catalog_items
       WHERE site = ?1 AND written_at > ?2 AND deleted = 0 ORDER BY written_at DESC LIMIT ?3`,
    )
    .bind(site, since, limit)
    .all<CatalogRow>();
  return results;
}

/** The site's latest change version; -1 when it never sent an item (live or deleted). */
export async function latestVersion(db: D1Database, site: string): Promise<number> {
  const row = await db
    .prepare('SELECT COALESCE(MAX(version), -1) AS v FROM catalog_items WHERE site = ?1')
    .bind(site)
    .first<{ v: number }>();
  return row?.v ?? -1;
}

/** Rows (tombstones included) changed after version `after`, in version order, at most `limit`. */
export async function changesAfter(
  db: D1Database,
  site: string,
  after: number,
  limit: number,
): Promise<(CatalogRow & { version: number })[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS}, version FROM catalog_items WHERE site = ?1 AND version > ?2 ORDER BY version LIMIT ?3`,
    )
    .bind(site, after, limit)
    .all<CatalogRow & { version: number }>();
  return results;
}
