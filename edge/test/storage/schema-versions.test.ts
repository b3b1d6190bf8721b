/**
 * The one schema-version mechanism of the Durable Objects (edge/src/storage/schema-versions.ts): a
 * new object creates the current schema, an older one runs its steps in order, and a step that
 * fails leaves the object exactly as it was.
 */
import { runInDurableObject } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { ensureVersion, type SchemaVersions } from '../../src/storage/schema-versions.ts';
import { sessionObject, uid } from '../helpers.ts';

/** A two-step schema: version 1 has `a`, 2 adds `b`, 3 adds `c` (whose step may fail). */
function schema(failAtThree = false): SchemaVersions {
  return {
    current: 3,
    create: `CREATE TABLE v (version INTEGER NOT NULL); INSERT INTO v VALUES (3);
      CREATE TABLE a (x); CREATE TABLE b (x); CREATE TABLE c (x);`,
    steps: {
      1: (sql) => void sql.exec('CREATE TABLE b (x); INSERT INTO b VALUES (1)'),
      2: (sql) => {
        sql.exec('CREATE TABLE c (x)');
        if (failAtThree) throw new Error('step 2 failed');
      },
    },
    record: (sql, version) => void sql.exec('UPDATE v SET version = ?', version),
  };
}

const tables = (sql: SqlStorage) =>
  sql
    .exec<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf%' ORDER BY name`,
    )
    .toArray()
    .map((t) => t.name);
const version = (sql: SqlStorage) => sql.exec<{ version: number }>('SELECT version FROM v').one().version;

/** An object holding version 1 of the schema. */
function atVersionOne(sql: SqlStorage): void {
  sql.exec('CREATE TABLE v (version INTEGER NOT NULL); INSERT INTO v VALUES (1); CREATE TABLE a (x)');
}

it('creates the current schema in a new object, and leaves a current one alone', async () => {
  await runInDurableObject(sessionObject(uid('sv')), (_, state: DurableObjectState) => {
    expect(ensureVersion(state.storage, undefined, schema())).toBe('created');
    expect(tables(state.storage.sql)).toEqual(['a', 'b', 'c', 'v']);
    expect(ensureVersion(state.storage, version(state.storage.sql), schema())).toBe('current');
  });
});

it('runs the steps from the stored version up, recording each', async () => {
  await runInDurableObject(sessionObject(uid('sv')), (_, state: DurableObjectState) => {
    const sql = state.storage.sql;
    atVersionOne(sql);
    expect(ensureVersion(state.storage, 1, schema())).toBe('migrated');
    expect(tables(sql)).toEqual(['a', 'b', 'c', 'v']);
    expect(version(sql)).toBe(3);
    expect(sql.exec('SELECT x FROM b').toArray()).toEqual([{ x: 1 }]);
  });
});

it('rolls every step back when one fails, or when a step is missing', async () => {
  await runInDurableObject(sessionObject(uid('sv')), (_, state: DurableObjectState) => {
    const sql = state.storage.sql;
    atVersionOne(sql);
    expect(() => ensureVersion(state.storage, 1, schema(true))).toThrow('step 2 failed');
    expect(tables(sql)).toEqual(['a', 'v']);
    expect(version(sql)).toBe(1);
    expect(() => ensureVersion(state.storage, 0, schema())).toThrow('no schema step from version 0');
    expect(tables(sql)).toEqual(['a', 'v']);
  });
});
