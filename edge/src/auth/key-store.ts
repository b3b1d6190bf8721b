/**
 * The `api_keys` table (edge/migrations/0005): add a key (at most MAX_VALID_KEYS_PER_ROLE valid per
 * site and role, checked in the same statement), find one by id, list a site's, revoke one.
 */
import { type ApiKeyInfo, type KeyRole, MAX_VALID_KEYS_PER_ROLE } from '../../../contracts/api-keys.ts';

/** A stored key row. */
export interface KeyRow {
  id: string;
  site: string;
  role: KeyRole;
  hash: string;
  label: string | null;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
}

/** Whether a row is valid at `now`. */
export const isValid = (row: Pick<KeyRow, 'revoked_at'>, now: number) =>
  row.revoked_at === null || row.revoked_at > now;

/** A row as the API shows it (no hash). */
export function keyInfo(row: KeyRow, now: number): ApiKeyInfo {
  const info: ApiKeyInfo = {
    id: row.id,
    site: row.site,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    valid: isValid(row, now),
  };
  if (row.label !== null) info.label = row.label;
  if (row.revoked_at !== null) info.revokedAt = new Date(row.revoked_at).toISOString();
  return info;
}

/**
 * Insert `row` unless its site already has MAX_VALID_KEYS_PER_ROLE valid keys of its role; one
 * statement, so two concurrent creations cannot both slip under the limit. Whether it was inserted.
 */
export async function insertKey(db: D1Database, row: KeyRow, now: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO api_keys (id, site, role, hash, label, created_at, created_by, revoked_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL
       WHERE (SELECT count(*) FROM api_keys
              WHERE site = ?2 AND role = ?3 AND (revoked_at IS NULL OR revoked_at > ?8)) < ?9`,
    )
    .bind(
      row.id,
      row.site,
      row.role,
      row.hash,
      row.label,
      row.created_at,
      row.created_by,
      now,
      MAX_VALID_KEYS_PER_ROLE,
    )
    .run();
  return result.meta.changes === 1;
}

/** The key `id`, valid or not, or null. */
export function findKey(db: D1Database, id: string): Promise<KeyRow | null> {
  return db.prepare('SELECT * FROM api_keys WHERE id = ?').bind(id).first<KeyRow>();
}

/** Every key of `site`, newest first. */
export async function listKeys(db: D1Database, site: string): Promise<KeyRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM api_keys WHERE site = ? ORDER BY created_at DESC, id')
    .bind(site)
    .all<KeyRow>();
  return results;
}

/**
 * Make key `id` of `site` invalid from `at` on (now, or the end of a rotation's grace); an earlier
 * revocation stays. The row after, or null when the site has no such key.
 */
export function revokeKey(db: D1Database, site: string, id: string, at: number): Promise<KeyRow | null> {
  return db
    .prepare(
      `UPDATE api_keys SET revoked_at = min(coalesce(revoked_at, ?3), ?3)
       WHERE site = ?1 AND id = ?2 RETURNING *`,
    )
    .bind(site, id, at)
    .first<KeyRow>();
}
