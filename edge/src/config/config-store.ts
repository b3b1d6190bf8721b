/**
 * The `site_configs` table (edge/migrations/0006): the versions of each site's overrides. A new
 * version is `expected + 1`, written only if `expected` is still the latest (one statement), so two
 * admins editing at once cannot overwrite each other unseen.
 */
import type { SiteOverrides } from './sites.ts';

/** A stored version. */
export interface ConfigVersion {
  version: number;
  config: SiteOverrides;
  createdAt: number;
  createdBy: string;
}

interface Row {
  version: number;
  config: string;
  created_at: number;
  created_by: string;
}

const versionOf = (r: Row): ConfigVersion => ({
  version: r.version,
  config: JSON.parse(r.config) as SiteOverrides,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** The site's version `version`, or its latest when omitted; null when none is stored. */
export async function readConfig(
  db: D1Database,
  site: string,
  version?: number,
): Promise<ConfigVersion | null> {
  const row =
    version === undefined
      ? await db
          .prepare('SELECT * FROM site_configs WHERE site = ? ORDER BY version DESC LIMIT 1')
          .bind(site)
          .first<Row>()
      : await db
          .prepare('SELECT * FROM site_configs WHERE site = ? AND version = ?')
          .bind(site, version)
          .first<Row>();
  return row ? versionOf(row) : null;
}

/** The site's versions, newest first, without their content. */
export async function listConfigVersions(db: D1Database, site: string, limit = 100) {
  const { results } = await db
    .prepare(
      'SELECT version, created_at, created_by FROM site_configs WHERE site = ? ORDER BY version DESC LIMIT ?',
    )
    .bind(site, limit)
    .all<Omit<Row, 'config'>>();
  return results.map((r) => ({ version: r.version, createdAt: r.created_at, createdBy: r.created_by }));
}

/** Store `config` as version `expected + 1` if `expected` is the latest (0: none stored). Whether it was. */
export async function writeConfig(
  db: D1Database,
  site: string,
  expected: number,
  config: SiteOverrides,
  by: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO site_configs (site, version, config, created_at, created_by)
       SELECT ?1, ?2 + 1, ?3, ?4, ?5
       WHERE coalesce((SELECT max(version) FROM site_configs WHERE site = ?1), 0) = ?2`,
    )
    .bind(site, expected, JSON.stringify(config), now, by)
    .run();
  return result.meta.changes === 1;
}
