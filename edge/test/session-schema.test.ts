/**
 * The session's SQLite schema (edge/src/session/schema.ts): what an ingest writes, and a session
 * stored by an earlier version (schemas 1 and 2) read and extended by this one, and the schema a new
 * session creates checked against the one its migrations arrive at.
 */
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { parseEventBatch } from '../../contracts/schema/events.ts';
import type { SessionDO } from '../src/objects/session-do.ts';
import { sqlShape } from './fixtures/sql-shape.ts';
import { loggedLines, postEvents, sessionObject, storedSession, T0, uid, viewBatch } from './helpers.ts';

/** Rows the SQL statements of `run` write in `state`'s storage (what Durable Objects bill). */
async function rowsWritten(state: DurableObjectState, run: () => Promise<unknown>): Promise<number> {
  const sql = state.storage.sql;
  const exec = sql.exec;
  const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
  sql.exec = ((query: string, ...bindings: SqlStorageValue[]) => {
    const cursor = exec.call(sql, query, ...bindings);
    cursors.push(cursor);
    return cursor;
  }) as typeof sql.exec;
  try {
    await run();
  } finally {
    sql.exec = exec;
  }
  return cursors.reduce((n, c) => n + c.rowsWritten, 0);
}

describe('rows an ingest writes', () => {
  it('one for the new events and one outbox row per logged batch; a retried batch writes nothing', async () => {
    const sessionId = uid('s');
    const stub = sessionObject(sessionId);
    const parse = (n: number, ts: number) => {
      const parsed = parseEventBatch(viewBatch(sessionId, n, ts));
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.batch;
    };
    await postEvents(viewBatch(sessionId, 1)); // the schema and the session's meta rows
    const second = parse(20, T0 + 60_000);
    const written = await runInDurableObject(stub, async (instance: SessionDO, state) => ({
      batch: await rowsWritten(state, () => instance.ingest(second, 'demo')),
      retry: await rowsWritten(state, () => instance.ingest(second, 'demo')),
    }));
    // The batch's row + its outbox row (no AUTOINCREMENT counter); the delete comes after the send.
    expect(written.batch).toBe(2);
    expect(written.retry).toBe(0);
    expect((await storedSession(sessionId))?.events).toHaveLength(21);
  });
});

/** A session an older schema wrote: its ids, and the log line its outbox still holds. */
function oldSession() {
  const sessionId = uid('s');
  const received = Date.now() - 60_000;
  const pendingLine = {
    id: uid('e'),
    type: 'view',
    ts: T0 + 500,
    itemId: 'old-b',
    sessionId,
    receivedAt: received,
    site: 'demo',
  };
  return { sessionId, stub: sessionObject(sessionId), received, oldId: uid('old'), pendingLine };
}

/** The meta rows every schema keeps (site, session id, consent), plus `extra`. */
function insertMeta(sql: SqlStorage, sessionId: string, extra: [string, string][] = []): void {
  const consent = JSON.stringify({ analytics: true, personalization: true });
  for (const [key, value] of [['site', 'demo'], ['session_id', sessionId], ['consent', consent], ...extra])
    sql.exec('INSERT INTO meta (key, value) VALUES (?, ?)', key, value);
}

// What schema version 1 created (MIGRATIONS[0] then the version row), kept here as the fixture.
const VERSION_1 = `CREATE TABLE schema_version (version INTEGER NOT NULL);
  INSERT INTO schema_version (version) VALUES (1);
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
    ts INTEGER NOT NULL, item_id TEXT, items TEXT NOT NULL, props TEXT, received_at INTEGER NOT NULL
  );
  CREATE INDEX events_order ON events (ts, seq);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE log_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);`;

describe('a session stored by schema version 1', () => {
  it('keeps its events, order, dedupe and pending log lines after migrating', async () => {
    const { sessionId, stub, received, oldId, pendingLine } = oldSession();
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      sql.exec(VERSION_1);
      insertMeta(sql, sessionId, [['user_id', 'u-old']]);
      // Stored out of ts order: the later-arrived event has the earlier time.
      const insert = `INSERT INTO events (id, type, ts, item_id, items, props, received_at)
        VALUES (?, 'view', ?, ?, ?, ?, ?)`;
      sql.exec(insert, oldId, T0 + 2000, 'old-a', '["old-a"]', '{"colour":"red"}', received);
      sql.exec(insert, pendingLine.id, pendingLine.ts, 'old-b', '["old-b"]', null, received);
      // The second event's log line was still waiting for the Queue when the old version stopped.
      sql.exec('INSERT INTO log_outbox (body) VALUES (?)', JSON.stringify([pendingLine]));
    });

    const batch = viewBatch(sessionId, 1, T0 + 1000);
    batch.events.push({ id: oldId, type: 'Product Viewed', ts: T0 + 2000, itemId: 'old-a' });
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 1, duplicates: 1 });

    const stored = await storedSession(sessionId);
    expect(stored?.userId).toBe('u-old');
    expect(stored?.events.map((e) => e.itemId)).toEqual(['old-b', 'i0', 'old-a']);
    expect(stored?.events.find((e) => e.id === oldId)?.props).toEqual({ colour: 'red' });
    // The old pending line and the new batch's line both reach the log, once each.
    await vi.waitFor(async () => expect(await loggedLines(sessionId)).toHaveLength(2), {
      timeout: 20_000,
      interval: 250,
    });
    expect((await loggedLines(sessionId)).map((l) => l.itemId).sort()).toEqual(['i0', 'old-b']);
    const { version, outbox } = await runInDurableObject(stub, (_, state) => ({
      version: state.storage.sql.exec<{ version: number }>('SELECT version FROM schema_version').one()
        .version,
      outbox: state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM log_outbox').one().n,
    }));
    expect(version).toBe(3);
    expect(outbox).toBe(0);
  }, 30_000);
});

// What schema version 2 created (its CURRENT, then the version row), kept here as the fixture.
const VERSION_2 = `CREATE TABLE schema_version (version INTEGER NOT NULL);
  INSERT INTO schema_version (version) VALUES (2);
  CREATE TABLE events (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, type TEXT NOT NULL, ts INTEGER NOT NULL,
    item_id TEXT, items TEXT NOT NULL, props TEXT, received_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE log_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);`;

describe('a session stored by schema version 2', () => {
  it('keeps its events, order, props, dedupe and pending log lines after migrating', async () => {
    const { sessionId, stub, received, oldId, pendingLine } = oldSession();
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      sql.exec(VERSION_2);
      insertMeta(sql, sessionId);
      // Stored out of ts order (the later-arrived event has the earlier time); one without an item.
      const insert = `INSERT INTO events (id, seq, type, ts, item_id, items, props, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
      sql.exec(insert, oldId, 1, 'view', T0 + 2000, 'old-a', '["old-a"]', '{"colour":"red"}', received);
      sql.exec(insert, pendingLine.id, 2, 'view', pendingLine.ts, 'old-b', '["old-b"]', null, received);
      sql.exec(insert, uid('page'), 3, 'page', T0 + 2000, null, '[]', null, received);
      // Two lines still waiting for the Queue: the first was sent and deleted, the counter is at 2.
      sql.exec('INSERT INTO log_outbox (body) VALUES (?)', '[]');
      sql.exec('DELETE FROM log_outbox');
      sql.exec('INSERT INTO log_outbox (body) VALUES (?)', JSON.stringify([pendingLine]));
    });

    const batch = viewBatch(sessionId, 1, T0 + 1000);
    batch.events.push({ id: oldId, type: 'view', ts: T0 + 2000, itemId: 'old-a' });
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 1, duplicates: 1 });

    const stored = await storedSession(sessionId);
    expect(stored?.events.map((e) => e.itemId ?? e.type)).toEqual(['old-b', 'i0', 'old-a', 'page']);
    expect(stored?.events.find((e) => e.id === oldId)?.props).toEqual({ colour: 'red' });
    expect(stored?.events.find((e) => e.type === 'page')).not.toHaveProperty('itemId');
    expect(stored?.events.find((e) => e.itemId === 'old-b')).not.toHaveProperty('props');
    expect(stored?.events.find((e) => e.itemId === 'old-b')?.receivedAt).toBe(received);
    // The old pending line and the new batch's line both reach the log, once each.
    await vi.waitFor(async () => expect(await loggedLines(sessionId)).toHaveLength(2), {
      timeout: 20_000,
      interval: 250,
    });
    expect((await loggedLines(sessionId)).map((l) => l.itemId).sort()).toEqual(['i0', 'old-b']);
    const { version, outbox, tables } = await runInDurableObject(stub, (_, state) => ({
      version: state.storage.sql.exec<{ version: number }>('SELECT version FROM schema_version').one()
        .version,
      outbox: state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM log_outbox').one().n,
      tables: state.storage.sql
        .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .toArray()
        .map((t) => t.name),
    }));
    expect(version).toBe(3);
    expect(outbox).toBe(0);
    expect(tables).not.toContain('events');
    // A retry of the whole batch after the migration is all duplicates.
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 0, duplicates: 2 });
  }, 30_000);
});

describe('the schema a new session creates', () => {
  it('is the schema every migration from the first one arrives at', async () => {
    const { ensureSchema, SCHEMA_VERSION } = await import('../src/session/schema.ts');
    const created = await runInDurableObject(sessionObject(uid('new')), (_, state: DurableObjectState) => {
      expect(ensureSchema(state.storage)).toBe(true);
      return sqlShape(state.storage.sql);
    });
    const migrated = await runInDurableObject(sessionObject(uid('old')), (_, state: DurableObjectState) => {
      // A version table without a row: ensureSchema then runs MIGRATIONS from version 0.
      state.storage.sql.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      expect(ensureSchema(state.storage)).toBe(false);
      const version = state.storage.sql.exec<{ version: number }>('SELECT version FROM schema_version').one();
      expect(version.version).toBe(SCHEMA_VERSION);
      return sqlShape(state.storage.sql);
    });
    expect(created.map((t) => t.name)).toEqual(['batches', 'log_outbox', 'meta', 'schema_version']);
    expect(migrated).toEqual(created);
  });
});
