/**
 * A signal shard's SQLite schema, versioned by one row in `shard_schema` (version 1, the first
 * release, had no version row: its tables alone say it is there), migrated on the shard's first use.
 */

import { ensureVersion, type SchemaVersions } from '../storage/schema-versions.ts';

/** Current shard schema version. */
export const SHARD_SCHEMA_VERSION = 3;

/** What the schema row says: see `ensureShardSchema`. */
export interface ShardSchemaState {
  /** The last journal seq a version-1 shard wrote before it migrated (0 if it never was one). */
  migratedTo: number;
  /** `trending` holds every key as it was after this journal seq (a checkpoint); later rows replay. */
  trendingAt: number;
}

// Rows written are the ingest's cost (docs/SCALE.md, capacity model), so the schema keeps one row
// written per touched item and one per batch: `trending` is keyed by item with no index (a rowid
// table with seq and key indexes wrote four rows an item), and the journal holds one row per
// batch: its items in write order and the trending keys it left them at (JSON text, parsed in
// JS so keys stay bit for bit). `seq` numbers clicks as version 1 did: a row's is its last click's.
// Since version 3 `trending` is a checkpoint (`shard_schema.trending_at`): the keys are written
// every few thousand clicks, not every batch; the journal rows after it carry the rest.
const SCHEMA_ROW = `CREATE TABLE shard_schema (version INTEGER NOT NULL, migrated_to INTEGER NOT NULL,
    trending_at INTEGER NOT NULL DEFAULT 0)`;
const CURRENT = `
  CREATE TABLE trending (id TEXT PRIMARY KEY, key REAL NOT NULL) WITHOUT ROWID;
  CREATE TABLE exp (experiment TEXT NOT NULL, variant TEXT NOT NULL,
    impressions INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (experiment, variant));
  CREATE TABLE journal (seq INTEGER PRIMARY KEY, session TEXT NOT NULL, time REAL NOT NULL,
    items TEXT NOT NULL, keys TEXT NOT NULL);`;

// 1 → 2: trending without its seq and its indexes; each version-1 journal row (one click) becomes
// a one-item row with no keys (`migrated_to` tells `changes` to send those readers a snapshot).
const FROM_VERSION_1 = `
  CREATE TABLE trending_v2 (id TEXT PRIMARY KEY, key REAL NOT NULL) WITHOUT ROWID;
  INSERT INTO trending_v2 (id, key) SELECT id, key FROM trending;
  DROP TABLE trending;
  ALTER TABLE trending_v2 RENAME TO trending;
  CREATE TABLE journal_v2 (seq INTEGER PRIMARY KEY, session TEXT NOT NULL, time REAL NOT NULL,
    items TEXT NOT NULL, keys TEXT NOT NULL);
  INSERT INTO journal_v2 (seq, session, time, items, keys)
    SELECT seq, session, time, json_array(item), '[]' FROM journal;
  DROP TABLE journal;
  ALTER TABLE journal_v2 RENAME TO journal;`;

const lastSeq = (sql: SqlStorage) =>
  sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM journal').one().seq ?? 0;

const VERSIONS: SchemaVersions = {
  current: SHARD_SCHEMA_VERSION,
  create: `${CURRENT}
    ${SCHEMA_ROW};
    INSERT INTO shard_schema (version, migrated_to, trending_at) VALUES (${SHARD_SCHEMA_VERSION}, 0, 0)`,
  steps: {
    1: (sql) => {
      const migratedTo = lastSeq(sql);
      sql.exec(FROM_VERSION_1);
      sql.exec('CREATE TABLE shard_schema (version INTEGER NOT NULL, migrated_to INTEGER NOT NULL)');
      sql.exec('INSERT INTO shard_schema (version, migrated_to) VALUES (1, ?)', migratedTo);
    },
    // 2 → 3: every batch wrote its keys to `trending`, so the checkpoint is the last journal row.
    2: (sql) => {
      sql.exec('ALTER TABLE shard_schema ADD COLUMN trending_at INTEGER NOT NULL DEFAULT 0');
      sql.exec('UPDATE shard_schema SET trending_at = ?', lastSeq(sql));
    },
  },
  record: (sql, version) => void sql.exec('UPDATE shard_schema SET version = ?', version),
};

/** The stored version: version 1 had no `shard_schema` row, only its tables. */
function storedVersion(sql: SqlStorage): number | undefined {
  const tables = new Set(
    sql
      .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .toArray()
      .map((t) => t.name),
  );
  if (tables.has('shard_schema'))
    return sql.exec<{ version: number }>('SELECT version FROM shard_schema').one().version;
  return tables.has('trending') ? 1 : undefined;
}

/**
 * Create or migrate the shard's schema; returns its schema row. A migrated shard's `trending`
 * was written through its last journal row, so that is its checkpoint.
 */
export function ensureShardSchema(storage: DurableObjectStorage): ShardSchemaState {
  const sql = storage.sql;
  ensureVersion(storage, storedVersion(sql), VERSIONS);
  const { migrated_to, trending_at } = sql
    .exec<{ migrated_to: number; trending_at: number }>('SELECT migrated_to, trending_at FROM shard_schema')
    .one();
  return { migratedTo: migrated_to, trendingAt: trending_at };
}
