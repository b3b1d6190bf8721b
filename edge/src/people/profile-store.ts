/**
 * A user profile's SQLite: the person's last item interactions across sessions (the newest
 * PROFILE_HISTORY_LIMIT), the sessions linked to them with the log hours of each, and meta. Pure
 * functions over the `sql` template; the Durable Object sequences them.
 */
import type { EventType } from '../../../contracts/event-types.ts';
import type { ItemEvent } from '../session/aggregates.ts';
import type { Sql } from '../session/sql.ts';
import type { LinkedSession, ProfileInteraction } from './types.ts';

/** Interactions a profile keeps: as many as a session's recent items (RECENT_EVENTS_LIMIT). */
export const PROFILE_HISTORY_LIMIT = 50;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS interactions (
    key TEXT PRIMARY KEY, session_id TEXT NOT NULL, item_id TEXT NOT NULL, type TEXT NOT NULL, ts INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS interactions_ts ON interactions (ts);
  CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, hours TEXT NOT NULL, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;

/** Create the tables (idempotent). */
export function ensureProfileSchema(storage: SqlStorage): void {
  storage.exec(SCHEMA);
}

/** Whether the profile has ever stored anything (reads must not create storage). */
export function hasProfile(storage: SqlStorage): boolean {
  return (
    storage.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).toArray().length > 0
  );
}

/** Add interactions (known keys skipped), then keep only the newest PROFILE_HISTORY_LIMIT. */
export function addInteractions(sql: Sql, interactions: readonly ProfileInteraction[]): void {
  if (interactions.length === 0) return;
  sql`INSERT INTO interactions (key, session_id, item_id, type, ts)
    SELECT value ->> 'key', value ->> 'sessionId', value ->> 'itemId', value ->> 'type', value ->> 'ts'
    FROM json_each(${JSON.stringify(interactions)}) WHERE true
    ON CONFLICT (key) DO NOTHING`;
  sql`DELETE FROM interactions WHERE key NOT IN
    (SELECT key FROM interactions ORDER BY ts DESC, key DESC LIMIT ${PROFILE_HISTORY_LIMIT})`;
}

/** Record that session `sessionId` was active in `hours` at `at`. */
export function linkSession(sql: Sql, sessionId: string, hours: readonly number[], at: number): void {
  const [row] = sql<{ hours: string }>`SELECT hours FROM sessions WHERE session_id = ${sessionId}`;
  const merged = [...new Set([...(row ? (JSON.parse(row.hours) as number[]) : []), ...hours])].sort(
    (a, b) => a - b,
  );
  sql`INSERT INTO sessions (session_id, hours, first_at, last_at) VALUES (${sessionId}, ${JSON.stringify(merged)}, ${at}, ${at})
    ON CONFLICT (session_id) DO UPDATE SET hours = excluded.hours, last_at = excluded.last_at`;
}

interface InteractionRow extends Record<string, SqlStorageValue> {
  key: string;
  session_id: string;
  item_id: string;
  type: string;
  ts: number;
}

/** Every kept interaction, oldest first. */
export function listInteractions(sql: Sql): ProfileInteraction[] {
  return sql<InteractionRow>`SELECT key, session_id, item_id, type, ts FROM interactions ORDER BY ts, key`.map(
    (r) => ({
      key: r.key,
      sessionId: r.session_id,
      itemId: r.item_id,
      type: r.type as EventType,
      ts: r.ts,
    }),
  );
}

/** The person's history as a session `sessionId` sees it: other sessions' interactions, oldest first. */
export function historyFor(sql: Sql, sessionId: string): ItemEvent[] {
  return listInteractions(sql)
    .filter((i) => i.sessionId !== sessionId)
    .map(({ itemId, type, ts }) => ({ itemId, type, ts }));
}

/** Every linked session, oldest first. */
export function listSessions(sql: Sql): LinkedSession[] {
  return sql<{ session_id: string; hours: string; first_at: number; last_at: number }>`
    SELECT session_id, hours, first_at, last_at FROM sessions ORDER BY first_at, session_id`.map((r) => ({
    sessionId: r.session_id,
    hours: JSON.parse(r.hours) as number[],
    firstAt: r.first_at,
    lastAt: r.last_at,
  }));
}

/** One meta value. */
export function getMeta(sql: Sql, key: 'site' | 'user_id' | 'updated_at'): string | undefined {
  return sql<{ value: string }>`SELECT value FROM meta WHERE key = ${key}`[0]?.value;
}

/** Set one meta value. */
export function setMeta(sql: Sql, key: 'site' | 'user_id' | 'updated_at', value: string): void {
  sql`INSERT INTO meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
}
