import { describe, expect, it } from 'vitest';
import { toLoggedEvents } from '../src/event-log/logged-events.ts';
import { postEvents, sessionObject, storedSession, T0, uid } from './helpers.ts';

const purchase = () => ({
  id: uid('e'),
  type: 'purchase',
  ts: T0,
  props: {
    order_id: 'o-1',
    email: 'someone@example.com',
    products: [{ product_id: 'p1' }, { product_id: 'p2' }],
  },
});

describe('personalization: false', () => {
  it('stores no userId and no props, but keeps what the session needs (types, times, items)', async () => {
    const sessionId = uid('s');
    const batch = {
      sessionId,
      userId: 'u-7',
      consent: { analytics: false, personalization: false },
      events: [purchase()],
    };
    expect((await postEvents(batch)).status).toBe(202);
    const stored = await storedSession(sessionId);
    expect(stored?.userId).toBeUndefined();
    expect(stored?.events).toEqual([
      {
        id: batch.events[0].id,
        type: 'purchase',
        ts: T0,
        items: ['p1', 'p2'],
        receivedAt: expect.any(Number),
      },
    ]);
    expect(stored?.aggregates.purchased).toEqual(['p2', 'p1']);
    expect(JSON.stringify(stored)).not.toContain('example.com');
  });

  it('withdrawn mid-session, strips the userId and props already stored', async () => {
    const sessionId = uid('s');
    await postEvents({
      sessionId,
      userId: 'u-8',
      consent: { analytics: false, personalization: true },
      events: [purchase()],
    });
    const before = await storedSession(sessionId);
    expect(before?.userId).toBe('u-8');
    expect(before?.events[0].props).toBeDefined();
    await postEvents({
      sessionId,
      userId: 'u-8',
      consent: { analytics: false, personalization: false },
      events: [{ id: uid('e'), type: 'page', ts: T0 + 1 }],
    });
    const after = await storedSession(sessionId);
    expect(after?.userId).toBeUndefined();
    expect(after?.events.map((e) => e.props)).toEqual([undefined, undefined]);
    expect(after?.events[0].items).toEqual(['p1', 'p2']);
  });
});

describe('event-log lines', () => {
  const batch = (analytics: boolean, personalization: boolean) => ({
    sessionId: 's-12345678',
    userId: 'u-1',
    consent: { analytics, personalization },
  });
  const events = [{ id: 'e-12345678', type: 'view' as const, ts: T0, itemId: 'a' }];

  it('are none without analytics consent', () => {
    expect(toLoggedEvents('demo', batch(false, true), events, T0)).toEqual([]);
  });

  it('carry the userId only with personalization consent', () => {
    expect(toLoggedEvents('demo', batch(true, true), events, T0 + 5)).toEqual([
      { ...events[0], site: 'demo', sessionId: 's-12345678', userId: 'u-1', receivedAt: T0 + 5 },
    ]);
    expect(toLoggedEvents('demo', batch(true, false), events, T0 + 5)[0]).not.toHaveProperty('userId');
  });
});

it('analytics: false sends nothing to the queue (no pending log lines either)', async () => {
  const sessionId = uid('s');
  await postEvents({ sessionId, consent: { analytics: false, personalization: true }, events: [purchase()] });
  const { runInDurableObject } = await import('cloudflare:test');
  const pending = await runInDurableObject(
    sessionObject(sessionId),
    (_, state) => state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM log_outbox').one().n,
  );
  expect(pending).toBe(0);
});
