/**
 * One signal shard's journal (one row per batch, signals/journal-rows.ts): paged back click by
 * click with the keys the clicks left, trimmed without hiding the latest keys from a late reader,
 * trending keys written once they have waited, a slice at a time, and none lost by a restart, and shards
 * written by earlier versions (version 1: one row per click, no schema version) read on.
 */
import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_CLICKS } from '../../src/objects/signals-shard-do.ts';
import { addWeight, EMPTY_KEY } from '../../src/signals/decay.ts';
import { ensureShardSchema } from '../../src/signals/shard-schema.ts';
import { shardName } from '../../src/signals/shards.ts';
import type { ShardChanges, SignalBatch } from '../../src/signals/types.ts';
import { EVENT_WEIGHTS, TRENDING_DECAY } from '../../src/signals/weights.ts';
import { sqlShape } from '../fixtures/sql-shape.ts';

const T0 = Date.UTC(2026, 11, 1, 12);

const shard = () => env.SIGNAL_SHARDS.getByName(shardName(`journal-${crypto.randomUUID()}`, 0));

/** Batch `n` of `size` views, on items that repeat every 97 clicks. */
function views(n: number, size: number): SignalBatch {
  return {
    at: T0 + n * 1000,
    sessionId: `shopper-${n % 5}`,
    events: Array.from({ length: size }, (_, i) => ({
      type: 'view' as const,
      items: [`item-${(n * size + i) % 97}`],
    })),
  };
}

/** Every click and the highest key per item a reader gets from `since` on, page by page. */
async function readAll(stub: ReturnType<typeof shard>, since: number, limit?: number) {
  const clicks: ShardChanges['clicks'] = [];
  const keys = new Map<string, number>();
  let pages = 0;
  for (let cursor = since; ; ) {
    pages++;
    const page = await stub.changes(cursor, limit);
    clicks.push(...page.clicks);
    for (const t of page.trending) keys.set(t.id, Math.max(t.key, keys.get(t.id) ?? EMPTY_KEY));
    cursor = page.cursor;
    if (!page.more) return { clicks, keys, pages, cursor };
  }
}

/** The keys one item at a time would give: the reference. */
function reference(batches: SignalBatch[]): Map<string, number> {
  const keys = new Map<string, number>();
  for (const b of batches)
    for (const e of b.events)
      for (const item of e.items)
        keys.set(item, addWeight(keys.get(item) ?? EMPTY_KEY, EVENT_WEIGHTS[e.type]!, b.at, TRENDING_DECAY));
  return keys;
}

describe('the journal, one row per batch', () => {
  it('pages every click in write order with consecutive seqs, and the keys they left', async () => {
    const stub = shard();
    const written = Array.from({ length: 30 }, (_, n) => views(n, 7));
    for (const b of written) await stub.record(b);
    const { clicks, keys, pages, cursor } = await readAll(stub, 0, 50);
    expect(pages).toBe(4); // 210 clicks in pages of ~50, ending at batch boundaries
    expect(clicks.map((c) => c.seq)).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
    expect(clicks.map((c) => c.item)).toEqual(written.flatMap((b) => b.events.map((e) => e.items[0])));
    expect(clicks[7]).toMatchObject({ session: 'shopper-1', time: (T0 + 1000) / 1000 });
    expect(keys).toEqual(reference(written));
    expect(cursor).toBe(210);
    // A reader at the cursor gets nothing new; one mid-way gets the rest, the moved keys with it.
    expect(await stub.changes(210)).toEqual({ cursor: 210, clicks: [], trending: [], more: false });
    const rest = await readAll(stub, 140);
    expect(rest.clicks.map((c) => c.seq)).toEqual(Array.from({ length: 70 }, (_, i) => i + 141));
    const latest = reference(written);
    const movedLate = new Set(written.slice(20).flatMap((b) => b.events.map((e) => e.items[0]!)));
    expect(rest.keys).toEqual(new Map([...latest].filter(([id]) => movedLate.has(id))));
  });

  it('trims old rows, and a reader whose cursor they passed still gets the latest keys', async () => {
    const stub = shard();
    // 15 batches of 1,000 clicks: past the journal's share for shard 0 (100,000 / 8 shards).
    const written = Array.from({ length: 15 }, (_, n) => views(n, 1000));
    for (const b of written) await stub.record(b);
    const late = await readAll(stub, 1000); // saw the first batch only
    expect(late.clicks[0]?.seq).toBe(2001); // clicks 1,001-2,000 (the second batch's row) are gone
    expect(late.clicks.at(-1)?.seq).toBe(15_000);
    expect(late.keys).toEqual(reference(written)); // 97 items: all in the shard's top
  });
});

/** The shard's stored trending rows and checkpoint seq. */
function stored(stub: ReturnType<typeof shard>) {
  return runInDurableObject(stub, (_, state) => {
    const sql = state.storage.sql;
    const rows = sql.exec<{ id: string; key: number }>('SELECT id, key FROM trending').toArray();
    const { trending_at } = sql.exec<{ trending_at: number }>('SELECT trending_at FROM shard_schema').one();
    return { keys: new Map(rows.map((r) => [r.id, r.key])), trendingAt: trending_at };
  });
}

describe('the trending checkpoint', () => {
  it("writes an item's row once its key has waited CHECKPOINT_CLICKS clicks, a slice at a time, and a restart loses no key", async () => {
    const name = shardName(`journal-${crypto.randomUUID()}`, 0);
    let stub = env.SIGNAL_SHARDS.getByName(name);
    const restart = async () => {
      await abortAllDurableObjects(); // the next call constructs the object from its storage
      stub = env.SIGNAL_SHARDS.getByName(name);
    };
    const written = Array.from({ length: 250 }, (_, n) => views(n, 20)); // 5,000 clicks, 97 items
    const early = Math.floor(CHECKPOINT_CLICKS / 20); // batches after which no key has waited long enough
    for (const b of written.slice(0, early + 1)) await stub.record(b);
    expect(await stored(stub)).toEqual({ keys: new Map(), trendingAt: 0 }); // only journal rows
    await restart(); // the keys come back from the journal
    expect((await readAll(stub, 0)).keys).toEqual(reference(written.slice(0, early + 1)));
    // The next batch is 4,096 clicks after the first: its 20 items alone are written, at their keys
    // now, and the checkpoint moves to just before the second batch's row (seq 40).
    await stub.record(written[early + 1]!);
    const now = reference(written.slice(0, early + 2));
    const first = new Map([...now].filter(([id]) => written[0]!.events.some((e) => e.items[0] === id)));
    expect(await stored(stub)).toEqual({ keys: first, trendingAt: 39 });
    for (const b of written.slice(early + 2, early + 20)) await stub.record(b);
    await restart(); // mid-way: the journal after the moved checkpoint is replayed
    for (const b of written.slice(early + 20)) await stub.record(b);
    const after = await stored(stub);
    expect(after.trendingAt).toBeGreaterThan(39);
    expect(after.keys.size).toBe(97);
    await restart();
    const all = [...written, views(250, 3)];
    await stub.record(all.at(-1)!);
    expect((await readAll(stub, 0)).keys).toEqual(reference(all));
  });
});

// The first version's tables (no schema version row), as it created them.
const VERSION_1 = `
  CREATE TABLE trending (id TEXT PRIMARY KEY, key REAL NOT NULL, seq INTEGER NOT NULL);
  CREATE INDEX trending_seq ON trending (seq);
  CREATE INDEX trending_key ON trending (key);
  CREATE TABLE exp (experiment TEXT NOT NULL, variant TEXT NOT NULL,
    impressions INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (experiment, variant));
  CREATE TABLE journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, item TEXT NOT NULL, time REAL NOT NULL);`;

describe('a shard written by the first version', () => {
  it('keeps its clicks, keys and counters, and numbers new clicks after them', async () => {
    const name = shardName(`journal-${crypto.randomUUID()}`, 0);
    const old = [views(0, 3), views(1, 2)];
    const oldKeys = reference(old);
    await runInDurableObject(env.SIGNAL_SHARDS.getByName(name), async (_, state) => {
      await state.storage.deleteAll(); // the new version's schema, created on construction
      const sql = state.storage.sql;
      sql.exec(VERSION_1);
      for (const b of old)
        for (const e of b.events)
          sql.exec(
            'INSERT INTO journal (session, item, time) VALUES (?, ?, ?)',
            b.sessionId,
            e.items[0]!,
            b.at / 1000,
          );
      for (const [id, key] of oldKeys)
        sql.exec('INSERT INTO trending (id, key, seq) VALUES (?, ?, 5)', id, key);
      sql.exec(`INSERT INTO exp (experiment, variant, impressions) VALUES ('exp', 'A', 4)`);
    });
    await abortAllDurableObjects(); // the next call constructs the object on the old tables
    const stub = env.SIGNAL_SHARDS.getByName(name);

    const next = views(2, 4);
    await stub.record(next);
    const all = await readAll(stub, 0);
    expect(all.clicks.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.clicks.map((c) => c.item)).toEqual(
      [...old, next].flatMap((b) => b.events.map((e) => e.items[0])),
    );
    expect(all.keys).toEqual(reference([...old, next]));
    // A reader of the old version, part-way through the old rows: the keys come with a snapshot.
    const midway = await readAll(stub, 2);
    expect(midway.clicks.map((c) => c.seq)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(midway.keys).toEqual(reference([...old, next]));
    expect(await stub.experimentCounts('exp')).toEqual([{ variant: 'A', impressions: 4, clicks: 0 }]);
  });
});

// The second version's tables: trending written every batch, no checkpoint column.
const VERSION_2 = `
  CREATE TABLE trending (id TEXT PRIMARY KEY, key REAL NOT NULL) WITHOUT ROWID;
  CREATE TABLE exp (experiment TEXT NOT NULL, variant TEXT NOT NULL,
    impressions INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (experiment, variant));
  CREATE TABLE journal (seq INTEGER PRIMARY KEY, session TEXT NOT NULL, time REAL NOT NULL,
    items TEXT NOT NULL, keys TEXT NOT NULL);
  CREATE TABLE shard_schema (version INTEGER NOT NULL, migrated_to INTEGER NOT NULL);
  INSERT INTO shard_schema (version, migrated_to) VALUES (2, 0);`;

describe('a shard written by the second version', () => {
  it('takes its trending rows as the checkpoint at its last journal row, and adds to them', async () => {
    const name = shardName(`journal-${crypto.randomUUID()}`, 0);
    const old = [views(0, 3), views(1, 2)];
    const oldKeys = reference(old);
    await runInDurableObject(env.SIGNAL_SHARDS.getByName(name), async (_, state) => {
      await state.storage.deleteAll();
      const sql = state.storage.sql;
      sql.exec(VERSION_2);
      sql.exec(
        'INSERT INTO journal (seq, session, time, items, keys) VALUES (5, ?, ?, ?, ?)',
        'shopper-0',
        T0 / 1000,
        JSON.stringify(old.flatMap((b) => b.events.map((e) => e.items[0]))),
        JSON.stringify([...oldKeys]),
      );
      for (const [id, key] of oldKeys) sql.exec('INSERT INTO trending (id, key) VALUES (?, ?)', id, key);
    });
    await abortAllDurableObjects();
    const stub = env.SIGNAL_SHARDS.getByName(name);
    await stub.record(views(2, 4));
    expect((await readAll(stub, 0)).keys).toEqual(reference([...old, views(2, 4)]));
    expect(await stored(stub)).toEqual({ keys: oldKeys, trendingAt: 5 });
  });
});

describe('the schema a new shard creates', () => {
  it('is the schema the second version migrates to', async () => {
    const shard = () => env.SIGNAL_SHARDS.getByName(shardName(`schema-${crypto.randomUUID()}`, 0));
    const created = await runInDurableObject(shard(), (_, state) => sqlShape(state.storage.sql));
    const migrated = await runInDurableObject(shard(), async (_, state) => {
      await state.storage.deleteAll();
      state.storage.sql.exec(VERSION_2);
      ensureShardSchema(state.storage);
      return sqlShape(state.storage.sql);
    });
    expect(migrated).toEqual(created);
  });

  it('is the schema the first version migrates to', async () => {
    const shard = () => env.SIGNAL_SHARDS.getByName(shardName(`schema-${crypto.randomUUID()}`, 0));
    const created = await runInDurableObject(shard(), (_, state) => sqlShape(state.storage.sql));
    const migrated = await runInDurableObject(shard(), async (_, state) => {
      await state.storage.deleteAll(); // the new version's schema, created on construction
      state.storage.sql.exec(VERSION_1);
      ensureShardSchema(state.storage);
      return sqlShape(state.storage.sql);
    });
    expect(created.map((t) => t.name)).toEqual(['exp', 'journal', 'shard_schema', 'trending']);
    expect(migrated).toEqual(created);
  });
});
