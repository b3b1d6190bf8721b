/** Per-session key/value facts (session id, user id, consent, expiry) in the `meta` table. */
import type { Sql } from './sql.ts';

/** The keys the session keeps; one place so a typo is a type error. */
export type MetaKey = 'session_id' | 'user_id' | 'consent' | 'expires_at';

/** The stored value of `key`, or undefined. */
export function getMeta(sql: Sql, key: MetaKey): string | undefined {
  return sql<{ value: string }>`SELECT value FROM meta WHERE key = ${key}`[0]?.value;
}

/** Store `value` under `key`. */
export function setMeta(sql: Sql, key: MetaKey, value: string): void {
  sql`INSERT INTO meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
}

/** Forget `key`. */
export function deleteMeta(sql: Sql, key: MetaKey): void {
  sql`DELETE FROM meta WHERE key = ${key}`;
}

/** Store `value` under `key` unless it is already stored: most batches repeat the same facts. */
export function setMetaIfChanged(sql: Sql, key: MetaKey, value: string): void {
  if (getMeta(sql, key) !== value) setMeta(sql, key, value);
}
