/**
 * The `site_keys` table (edge/migrations/0008): the versions of each site's entry. As for
 * `config-store.ts`, a new version is `expected + 1`, written only if `expected` is still the latest
 * (one statement), so two operators editing at once cannot overwrite each other unseen.
 */
import type { SiteEntry } from './site-keys.ts';

/** A stored version; `entry` null: the key was removed by it. */
export interface SiteKeyVersion {
  site: string;
  version: number;
  entry: SiteEntry | null;
  createdAt: number;
  createdBy: string;
}

interface Row {
  site: string;
  version: number;
  entry: string | null;
  created_at: number;
  created_by: string;
}

const versionOf = (r: Row): SiteKeyVersion => ({
  site: r.site,
  version: r.version,
  entry: r.entry === null ? null : (JSON.parse(r.entry) as SiteEntry),
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** The latest version of every site that has one. */
export async function readLatestSiteKeys(db: D1Database): Promise<SiteKeyVersion[]> {
  const { results } = await db
    .prepare(
      `SELECT k.* FROM site_keys k
       JOIN (SELECT site, max(version) AS version FROM site_keys GROUP BY site) m USING (site, version)`,
    )
    .all<Row>();
  return results.map(versionOf);
}

/** The site's version `version`, or its latest when omitted; null when none is stored. */
export async function readSiteKey(
  db: D1Database,
  site: string,
  version?: number,
): Promise<SiteKeyVersion | null> {
  const row =
    version === undefined
      ? await db
          .prepare('SELECT * FROM site_keys WHERE site = ? ORDER BY version DESC LIMIT 1')
          .bind(site)
          .first<Row>()
      : await db
          .prepare('SELECT * FROM site_keys WHERE site = ? AND version = ?')
          .bind(site, version)
          .first<Row>();
  return row ? versionOf(row) : null;
}

/** The site's versions, newest first. */
export async function listSiteKeyVersions(db: D1Database, site: string, limit = 100) {
  const { results } = await db
    .prepare('SELECT * FROM site_keys WHERE site = ? ORDER BY version DESC LIMIT ?')
    .bind(site, limit)
    .all<Row>();
  return results.map(versionOf);
}

/** Store `entry` (null: remove) as version `expected + 1` if `expected` is the latest. Whether it was. */
export async function writeSiteKey(
  db: D1Database,
  site: string,
  expected: number,
  entry: SiteEntry | null,
  by: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO site_keys (site, version, entry, created_at, created_by)
       SELECT ?1, ?2 + 1, ?3, ?4, ?5
       WHERE coalesce((SELECT max(version) FROM site_keys WHERE site = ?1), 0) = ?2`,
    )
    .bind(site, expected, entry === null ? null : JSON.stringify(entry), now, by)
    .run();
  return result.meta.changes === 1;
}
