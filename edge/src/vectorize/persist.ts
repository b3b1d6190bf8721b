/**
 * SQLite layout of the stand-in's Durable Object: one `meta` table (index config, metadata indexes,
 * last mutation) and one row per vector with its float32 values as a BLOB.
 */

import type { IndexState } from './config.ts';
import type { IndexedValues } from './filter.ts';
import { VectorStore } from './store.ts';

const SCHEMA_VERSION = 1;

/** Create the tables once (idempotent) and record the schema version. */
export function ensureSchema(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  sql.exec(
    `CREATE TABLE IF NOT EXISTS vectors (
       id TEXT PRIMARY KEY, namespace TEXT, vals BLOB NOT NULL, metadata TEXT, indexed TEXT NOT NULL)`,
  );
  sql.exec(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)`, String(SCHEMA_VERSION));
}

/** Read a JSON value from `meta`. */
export function readMeta<T>(sql: SqlStorage, key: string): T | undefined {
  const row = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Write a JSON value to `meta`. */
export function writeMeta(sql: SqlStorage, key: string, value: unknown): void {
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, JSON.stringify(value));
}

/** Insert or replace one vector row; the rowid (load order) of an existing id is kept. */
export function writeVector(
  sql: SqlStorage,
  id: string,
  namespace: string | undefined,
  values: Float32Array,
  metadata: unknown,
  indexed: IndexedValues,
): void {
  // Copy: `values` may be a view into a larger buffer and SQLite binds the whole ArrayBuffer.
  const blob = values.slice().buffer;
  sql.exec(
    `INSERT INTO vectors (id, namespace, vals, metadata, indexed) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET namespace = excluded.namespace, vals = excluded.vals,
       metadata = excluded.metadata, indexed = excluded.indexed`,
    id,
    namespace ?? null,
    blob,
    metadata === undefined ? null : JSON.stringify(metadata),
    JSON.stringify(indexed),
  );
}

/** Delete one vector row. */
export function deleteVector(sql: SqlStorage, id: string): void {
  sql.exec(`DELETE FROM vectors WHERE id = ?`, id);
}

/** Full metadata of the given ids (only those that have some), read on demand: it is not kept in memory. */
export function readMetadata(
  sql: SqlStorage,
  ids: readonly string[],
): Map<string, Record<string, VectorizeVectorMetadata>> {
  const out = new Map<string, Record<string, VectorizeVectorMetadata>>();
  // DO SQLite allows at most 100 bound parameters per statement.
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const rows = sql.exec<{ id: string; metadata: string | null }>(
      `SELECT id, metadata FROM vectors WHERE id IN (${chunk.map(() => '?').join(',')})`,
      ...chunk,
    );
    for (const row of rows) if (row.metadata !== null) out.set(row.id, JSON.parse(row.metadata));
  }
  return out;
}

/** Vectors by id read straight from SQLite (what a cold index answers before loading them all). */
export function readVectors(sql: SqlStorage, ids: readonly string[]): VectorizeVector[] {
  const out: VectorizeVector[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const rows = sql.exec<{
      id: string;
      namespace: string | null;
      vals: ArrayBuffer;
      metadata: string | null;
    }>(
      `SELECT id, namespace, vals, metadata FROM vectors WHERE id IN (${chunk.map(() => '?').join(',')})`,
      ...chunk,
    );
    for (const row of rows) {
      const vector: VectorizeVector = {
        id: row.id,
        values: Array.from(new Float32Array(row.vals)),
        metadata: row.metadata === null ? {} : JSON.parse(row.metadata),
      };
      if (row.namespace !== null) vector.namespace = row.namespace;
      out.push(vector);
    }
  }
  return out;
}

/** Load every vector into a fresh in-memory store, in insertion order. */
export function loadStore(sql: SqlStorage, state: IndexState): VectorStore {
  const count = sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM vectors`).one().n;
  const store = new VectorStore(state.dimensions, state.metric, Math.max(1024, count));
  const rows = sql.exec<{ id: string; namespace: string | null; vals: ArrayBuffer; indexed: string }>(
    `SELECT id, namespace, vals, indexed FROM vectors ORDER BY rowid`,
  );
  for (const row of rows) {
    const entry = { id: row.id, namespace: row.namespace ?? undefined, indexed: JSON.parse(row.indexed) };
    store.put(entry, new Float32Array(row.vals));
  }
  return store;
}
