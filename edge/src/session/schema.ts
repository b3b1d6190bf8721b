/**
 * The session's SQLite schema, created idempotently and versioned by one row in `schema_version`,
 * so a Durable Object written by an older deployment migrates itself on first use
 * (`storage/schema-versions.ts`).
 */

import { ensureVersion, type SchemaVersions } from '../storage/schema-versions.ts';

/** Current schema version; bump it, append a migration and update CURRENT to change the schema. */
export const SCHEMA_VERSION = 3;

// The schema at SCHEMA_VERSION, what a new session creates in one statement list. Rows written are
// the ingest's cost (docs/SCALE.md, capacity model): a stored batch is one row of `batches` (its
// new events as JSON, their ids apart for the in-memory dedupe, `event-store.ts`) with no index,
// `meta` is a WITHOUT ROWID table keyed by its key, and the outbox numbers its rows itself (no
// AUTOINCREMENT counter row); reads sort a session's few hundred events by (ts, seq) in memory.
const CURRENT = `CREATE TABLE batches (
     seq INTEGER NOT NULL,                  -- arrival order of its first event; the next ones follow
     received_at INTEGER NOT NULL,
     ids TEXT NOT NULL,                     -- JSON array of its event ids, in order
     events TEXT NOT NULL                   -- JSON array: id, type, ts, itemId, items, props (with consent)
   );
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE log_outbox (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);`;

// MIGRATIONS[n] takes the schema from version n to n + 1. Never edit a released entry.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order, the tie-break after ts
     id TEXT NOT NULL UNIQUE,               -- the client's event id: dedupes retried batches
     type TEXT NOT NULL,
     ts INTEGER NOT NULL,
     item_id TEXT,
     items TEXT NOT NULL,                   -- JSON array: itemsOf(event)
     props TEXT,                            -- JSON, only with personalization consent
     received_at INTEGER NOT NULL
   );
   CREATE INDEX events_order ON events (ts, seq);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE log_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);`,
  // 1 → 2: events and meta as WITHOUT ROWID tables keyed by id, no events_order index; rows, their
  // seq (arrival order) and the outbox are kept as they are.
  `CREATE TABLE events_v2 (
     id TEXT PRIMARY KEY, seq INTEGER NOT NULL, type TEXT NOT NULL, ts INTEGER NOT NULL,
     item_id TEXT, items TEXT NOT NULL, props TEXT, received_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   INSERT INTO events_v2 (id, seq, type, ts, item_id, items, props, received_at)
     SELECT id, seq, type, ts, item_id, items, props, received_at FROM events;
   DROP TABLE events;
   ALTER TABLE events_v2 RENAME TO events;
   CREATE TABLE meta_v2 (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   INSERT INTO meta_v2 (key, value) SELECT key, value FROM meta;
   DROP TABLE meta;
   ALTER TABLE meta_v2 RENAME TO meta;`,
  // 2 → 3: each event row becomes a one-event batch row (same seq and arrival time); the outbox
  // keeps its rows and seqs without the AUTOINCREMENT counter.
  `CREATE TABLE batches (
     seq INTEGER NOT NULL, received_at INTEGER NOT NULL, ids TEXT NOT NULL, events TEXT NOT NULL
   );
   INSERT INTO batches (seq, received_at, ids, events)
     SELECT seq, received_at, json_array(id), json_array(json_object(
       'id', id, 'type', type, 'ts', ts, 'itemId', item_id, 'items', json(items), 'props', json(props)))
     FROM events;
   DROP TABLE events;
   CREATE TABLE log_outbox_v3 (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
   INSERT INTO log_outbox_v3 (seq, body) SELECT seq, body FROM log_outbox;
   DROP TABLE log_outbox;
   ALTER TABLE log_outbox_v3 RENAME TO log_outbox;`,
];

/** Whether this object has ever stored anything (reads must not create storage). */
export function hasSchema(storage: SqlStorage): boolean {
  return (
    storage.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).toArray()
      .length > 0
  );
}

const VERSIONS: SchemaVersions = {
  current: SCHEMA_VERSION,
  create: `CREATE TABLE schema_version (version INTEGER NOT NULL);
     INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION});
     ${CURRENT}`,
  steps: MIGRATIONS.map((statements) => (sql: SqlStorage) => void sql.exec(statements)),
  record(sql, version) {
    // Also when the version table has no row (version 0).
    sql.exec('DELETE FROM schema_version');
    sql.exec('INSERT INTO schema_version (version) VALUES (?)', version);
  },
};

/**
 * Create or migrate the schema to SCHEMA_VERSION; a no-op when it is current. Answers true when it
 * created the schema from nothing (a new session: one statement list, nothing stored yet).
 */
export function ensureSchema(storage: DurableObjectStorage): boolean {
  const sql = storage.sql;
  const stored = hasSchema(sql)
    ? (sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0]?.version ?? 0)
    : undefined;
  return ensureVersion(storage, stored, VERSIONS) === 'created';
}
