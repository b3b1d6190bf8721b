/**
 * Per-session facts (session id, user id, consent) in the `meta` table, with an in-memory copy:
 * reads cost nothing and a write happens only when a value changes (most batches repeat them).
 */
import type { Sql } from './sql.ts';

/**
 * The keys the session keeps; one place so a typo is a type error. `profile_user`: the user whose
 * profile has this whole session (people/session-link.ts); `history`: that person's earlier items.
 */
export type MetaKey = 'site' | 'session_id' | 'user_id' | 'consent' | 'bot' | 'profile_user' | 'history';

/** The meta table of one session, cached. Drop the instance when storage is deleted. */
export class SessionMeta {
  readonly #sql: Sql;
  readonly #values: Map<string, string>;

  constructor(sql: Sql) {
    this.#sql = sql;
    this.#values = new Map(
      sql<{ key: string; value: string }>`SELECT key, value FROM meta`.map((r) => [r.key, r.value]),
    );
  }

  /** The stored value of `key`, or undefined. */
  get(key: MetaKey): string | undefined {
    return this.#values.get(key);
  }

  /** Store `value` under `key` unless it is already stored. */
  set(key: MetaKey, value: string): void {
    if (this.#values.get(key) === value) return;
    this.#sql`INSERT INTO meta (key, value) VALUES (${key}, ${value})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    this.#values.set(key, value);
  }

  /** Forget `key`. */
  delete(key: MetaKey): void {
    if (!this.#values.has(key)) return;
    this.#sql`DELETE FROM meta WHERE key = ${key}`;
    this.#values.delete(key);
  }
}
