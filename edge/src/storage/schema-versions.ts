/**
 * A Durable Object's SQLite schema in numbered versions, one mechanism for every object that keeps
 * one: a new object creates the current schema at once; one written by an older deployment runs
 * the steps from its stored version up, all or none, on first use.
 */

/** What a schema is at each version. */
export interface SchemaVersions {
  /** The version `create` makes and the steps arrive at. */
  current: number;
  /** A new object's schema at `current`, its version record included. */
  create: string;
  /** `steps[v]` takes a stored schema from version v to v + 1. Never edit a released step. */
  steps: Readonly<Record<number, (sql: SqlStorage) => void>>;
  /** Record that the schema is now at `version` (after each step). */
  record(sql: SqlStorage, version: number): void;
}

/** What `ensureVersion` found: no schema (now created), an older one (now migrated), or the current one. */
export type SchemaOutcome = 'created' | 'migrated' | 'current';

/**
 * Bring `storage` to `schema.current`. `stored` is the version the object holds, undefined when it
 * has no schema yet. A step that is missing or throws rolls every step back.
 */
export function ensureVersion(
  storage: DurableObjectStorage,
  stored: number | undefined,
  schema: SchemaVersions,
): SchemaOutcome {
  const sql = storage.sql;
  if (stored !== undefined && stored >= schema.current) return 'current';
  storage.transactionSync(() => {
    if (stored === undefined) return void sql.exec(schema.create);
    for (let version = stored; version < schema.current; version++) {
      const step = schema.steps[version];
      if (!step) throw new Error(`no schema step from version ${version}`);
      step(sql);
      schema.record(sql, version + 1);
    }
  });
  return stored === undefined ? 'created' : 'migrated';
}
