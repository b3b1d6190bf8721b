/**
 * A signal shard's SQLite schema, versioned by one row in `shard_schema` (version 1, the first
 * release, had no version row: its tables alone say it is there), migrated on the shard's first use.
 */

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

/**
 * Create or migrate the shard's schema; returns its schema row. A migrated shard's `trending`
 * was written through its last journal row, so that is its checkpoint.
 */
export function ensureShardSchema(storage: DurableObjectStorage): ShardSchemaState {
  const sql = storage.sql;
  const tables = new Set(
    sql
      .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .toArray()
      .map((t) => t.name),
  );
  const lastSeq = () =>
    sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM journal').one().seq ?? 0;
  if (tables.has('shard_schema')) {
    const row = sql.exec<{ version: number }>('SELECT version FROM shard_schema').one();
    if (row.version < 3)
      storage.transactionSync(() => {
        // 2 → 3: every batch wrote its keys to `trending`, so the checkpoint is the last row.
        sql.exec('ALTER TABLE shard_schema ADD COLUMN trending_at INTEGER NOT NULL DEFAULT 0');
        sql.exec('UPDATE shard_schema SET version = ?, trending_at = ?', SHARD_SCHEMA_VERSION, lastSeq());
      });
    const { migrated_to, trending_at } = sql
      .exec<{ migrated_to: number; trending_at: number }>('SELECT migrated_to, trending_at FROM shard_schema')
      .one();
    return { migratedTo: migrated_to, trendingAt: trending_at };
  }
  return storage.transactionSync(() => {
    let migratedTo = 0;
    if (tables.has('trending')) {
      migratedTo = lastSeq();
      sql.exec(FROM_VERSION_1);
    } else sql.exec(CURRENT);
    sql.exec(SCHEMA_ROW);
    sql.exec(
      'INSERT INTO shard_schema (version, migrated_to, trending_at) VALUES (?, ?, ?)',
      SHARD_SCHEMA_VERSION,
      migratedTo,
      migratedTo,
    );
    return { migratedTo, trendingAt: migratedTo };
  });
}
