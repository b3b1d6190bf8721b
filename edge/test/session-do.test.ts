import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatchInput } from '../../contracts/schema/events.ts';
import { postEvents, sessionObject, storedSession, T0, uid, viewBatch } from './helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});

const countRows = (sessionId: string, table: string) =>
  runInDurableObject(sessionObject(sessionId), (_, state) => {
    const tables = state.storage.sql.exec(`SELECT name FROM sqlite_master WHERE type = 'table'`).toArray();
    if (!tables.some((t) => t.name === table)) return 0;
    return state.storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
  });

describe('dedupe', () => {
  it('counts a retried batch as duplicates and never stores an event twice', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 4);
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 4, duplicates: 0 });
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 0, duplicates: 4 });
    // A partly new retry: only the new event is accepted.
    const more = {
      ...batch,
      events: [...batch.events.slice(2), ...viewBatch(sessionId, 1, T0 + 9000).events],
    };
    expect(await (await postEvents(more)).json()).toEqual({ accepted: 1, duplicates: 2 });
    expect((await storedSession(sessionId))?.events.map((e) => e.id).sort()).toEqual(
      [...batch.events, ...more.events.slice(2)].map((e) => e.id).sort(),
    );
  });

  it('counts a repeated id inside one batch as a duplicate', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 2);
    batch.events.push({ ...batch.events[0] });
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 2, duplicates: 1 });
  });
});

describe('ordering', () => {
  it('returns events by ts, then arrival, across batches sent out of order', async () => {
    const sessionId = uid('s');
    const ev = (id: string, ts: number, itemId: string) => ({
      id: `${id}_${sessionId}`,
      type: 'view',
      ts,
      itemId,
    });
    const batch = (events: EventBatchInput['events']): EventBatchInput => ({
      sessionId,
      consent: { analytics: false, personalization: true },
      events,
    });
    await postEvents(batch([ev('late', T0 + 3000, 'c'), ev('tie1', T0 + 2000, 'b1')]));
    await postEvents(batch([ev('early', T0 + 1000, 'a'), ev('tie2', T0 + 2000, 'b2')]));
    const stored = await storedSession(sessionId);
    expect(stored?.events.map((e) => e.itemId)).toEqual(['a', 'b1', 'b2', 'c']);
  });
});

describe('durability', () => {
  it('keeps state across a Durable Object restart', async () => {
    const sessionId = uid('s');
    const batch = viewBatch(sessionId, 3);
    await postEvents(batch);
    await abortAllDurableObjects();
    const stub = sessionObject(sessionId);
    const snapshot = await stub.snapshot();
    expect(snapshot?.events.map((e) => e.itemId)).toEqual(['i0', 'i1', 'i2']);
    // Dedupe state survives too.
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 0, duplicates: 3 });
  });
});

describe('a failed transaction', () => {
  it('leaves nothing counted as stored: the retried batch is accepted in full', async () => {
    const sessionId = uid('s');
    const stub = sessionObject(sessionId);
    // The session exists and its ids are in memory; no log line of it is pending.
    await postEvents({ ...viewBatch(sessionId, 1), consent: { analytics: false, personalization: true } });
    const batch = viewBatch(sessionId, 2, T0 + 1000);
    // Fault injection: without the outbox table the batch's transaction fails after its events' insert.
    const rename = (from: string, to: string) =>
      runInDurableObject(stub, (_, state) => state.storage.sql.exec(`ALTER TABLE ${from} RENAME TO ${to}`));
    await rename('log_outbox', 'outbox_away');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await postEvents(batch)).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    await rename('outbox_away', 'log_outbox');
    expect(await (await postEvents(batch)).json()).toEqual({ accepted: 2, duplicates: 0 });
    expect((await storedSession(sessionId))?.events).toHaveLength(3);
  });
});

describe('expiry', () => {
  it('deletes all storage once the alarm fires after the inactivity period', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 2));
    const stub = sessionObject(sessionId);
    const alarmAt = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    const ttl = Number(env.SESSION_TTL_MINUTES) * 60_000;
    expect(alarmAt).toBeGreaterThan(Date.now() + ttl - 60_000);

    // An alarm before the period is over (e.g. a log retry) must not expire the session.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await storedSession(sessionId))?.events).toHaveLength(2);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + ttl + 1000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    vi.useRealTimers();
    expect(await storedSession(sessionId)).toBeNull();
    const left = await runInDurableObject(stub, async (_, state) => ({
      tables: state.storage.sql.exec(`SELECT name FROM sqlite_master WHERE type = 'table'`).toArray().length,
      alarm: await state.storage.getAlarm(),
    }));
    expect(left).toEqual({ tables: 0, alarm: null });
  });

  it('moves the expiry forward with every batch', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 1));
    const stub = sessionObject(sessionId);
    const first = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await postEvents(viewBatch(sessionId, 1, T0 + 60_000));
    vi.useRealTimers();
    const second = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(second! - first!).toBeGreaterThanOrEqual(10 * 60_000);
  });
});

describe('reads create nothing', () => {
  it('an unknown session has no snapshot, an empty context and no storage afterwards', async () => {
    const sessionId = uid('s');
    const stub = sessionObject(sessionId);
    expect(await stub.snapshot()).toBeNull();
    expect((await stub.context()).recent).toEqual([]);
    expect(await countRows(sessionId, 'batches')).toBe(0);
    const tables = await runInDurableObject(
      stub,
      (_, state) => state.storage.sql.exec(`SELECT name FROM sqlite_master`).toArray().length,
    );
    expect(tables).toBe(0);
  });
});

describe('context for the recommender', () => {
  it('returns recent item interactions and aggregates with a cart that reflects removals', async () => {
    const sessionId = uid('s');
    const events = [
      { id: uid('e'), type: 'view_item', ts: T0, itemId: 'a' },
      { id: uid('e'), type: 'add_to_cart', ts: T0 + 1, itemId: 'a' },
      { id: uid('e'), type: 'Product Added', ts: T0 + 2, props: { products: [{ product_id: 'b' }] } },
      { id: uid('e'), type: 'remove_from_cart', ts: T0 + 3, itemId: 'a' },
      { id: uid('e'), type: 'page', ts: T0 + 4 },
    ];
    await postEvents({ sessionId, consent: { analytics: false, personalization: true }, events });
    const context = await sessionObject(sessionId).context();
    expect(context.recent).toEqual([
      { itemId: 'a', type: 'view', ts: T0 },
      { itemId: 'a', type: 'cart_add', ts: T0 + 1 },
      { itemId: 'b', type: 'cart_add', ts: T0 + 2 },
      { itemId: 'a', type: 'cart_remove', ts: T0 + 3 },
    ]);
    expect(context.aggregates.viewed).toEqual(['a']);
    expect(context.aggregates.carted).toEqual(['b']);
  });
});
