/**
 * The session's SQLite schema, created idempotently and versioned by one row in `schema_version`,
 * so a Durable Object written by an older deployment migrates itself on first use.
 */

/** Current schema version; bump it, append a migration and update CURRENT to change the schema. */
export const SCHEMA_VERSION = 2;

// The schema at SCHEMA_VERSION, what a new session creates in one statement list. Rows written are
// the ingest's cost (docs/SCALE.md, capacity model): `events` and `meta` are WITHOUT ROWID tables
// keyed by their id, so an event is one row written (a rowid table with a unique id and an order
// index wrote three), and reads sort a session's few hundred events by (ts, seq) in memory.
const CURRENT = `CREATE TABLE events (
     id TEXT PRIMARY KEY,                   -- the client's event id: dedupes retried batches
     seq INTEGER NOT NULL,                  -- arrival order, the tie-break after ts
     type TEXT NOT NULL,
     ts INTEGER NOT NULL,
     item_id TEXT,
     items TEXT NOT NULL,                   -- JSON array: itemsOf(event)
     props TEXT,                            -- JSON, only with personalization consent
     received_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE log_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);`;

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
];

/** Whether this object has ever stored anything (reads must not create storage). */
export function hasSchema(storage: SqlStorage): boolean {
  return (
    storage.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).toArray()
      .length > 0
  );
}

/**
 * Create or migrate the schema to SCHEMA_VERSION; a no-op when it is current. Answers true when it
 * created the schema from nothing (a new session: one statement list, nothing stored yet).
 */
export function ensureSchema(storage: DurableObjectStorage): boolean {
  const sql = storage.sql;
  if (!hasSchema(sql)) {
    sql.exec(
      `CREATE TABLE schema_version (version INTEGER NOT NULL);
       INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION});
       ${CURRENT}`,
    );
    return true;
  }
  const row = sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  if (row && row.version >= SCHEMA_VERSION) return false;
  // All steps or none: a table rebuilt halfway must not be left behind if the object dies.
  storage.transactionSync(() => {
    let version = row?.version ?? 0;
    if (!row) sql.exec('INSERT INTO schema_version (version) VALUES (0)');
    for (; version < SCHEMA_VERSION; version++) {
      sql.exec(MIGRATIONS[version]);
      sql.exec('UPDATE schema_version SET version = ?', version + 1);
    }
  });
  return false;
}
