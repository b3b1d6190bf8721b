/**
 * The session's SQLite schema, created idempotently and versioned by one row in `schema_version`,
 * so a Durable Object written by an older deployment migrates itself on first use.
 */

/** Current schema version; bump it and append a migration to change the schema. */
export const SCHEMA_VERSION = 1;

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
export function ensureSchema(storage: SqlStorage): boolean {
  if (!hasSchema(storage)) {
    storage.exec(
      `CREATE TABLE schema_version (version INTEGER NOT NULL);
       INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION});
       ${MIGRATIONS.join('\n')}`,
    );
    return true;
  }
  const row = storage.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  let version = row?.version ?? 0;
  if (!row) storage.exec('INSERT INTO schema_version (version) VALUES (0)');
  for (; version < SCHEMA_VERSION; version++) {
    storage.exec(MIGRATIONS[version]);
    storage.exec('UPDATE schema_version SET version = ?', version + 1);
  }
  return false;
}
