/**
 * Events sent up the push socket: stored and logged once with the batch that comes later through
 * `POST /v1/events`, refused for what that route refuses, and only for the socket's own session.
 * (That a push follows is in tower/with-model.test.ts, which has a model.)
 */
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import {
  loggedLines,
  openEventSocket,
  postEvents,
  sessionObject,
  storedSession,
  uid,
  viewBatch,
} from './helpers.ts';

describe('events sent up the push socket', () => {
  it('are stored at once; the same batch posted later is all duplicates, and each event is logged once', async () => {
    const session = uid('sock');
    const socket = await openEventSocket(session);
    const batch = { ...viewBatch(session, 2), userId: 'u-sock' };
    expect(await socket.send({ type: 'events', batch })).toEqual({
      type: 'accepted',
      accepted: 2,
      duplicates: 0,
    });
    expect((await storedSession(session))?.events.map((e) => e.itemId)).toEqual(['i0', 'i1']);

    const later = await postEvents(batch);
    expect(later.status).toBe(202);
    expect(await later.json()).toEqual({ accepted: 0, duplicates: 2 });
    expect((await storedSession(session))?.events).toHaveLength(2);
    await vi.waitFor(async () => expect(await loggedLines(session)).toHaveLength(2), {
      timeout: 20_000,
      interval: 250,
    });
    const lines = await loggedLines(session);
    expect(lines.map((l) => [l.itemId, l.userId])).toEqual([
      ['i0', 'u-sock'],
      ['i1', 'u-sock'],
    ]);
    socket.close();
  }, 30_000);

  it('follow the batch consent rules: without personalization no props or user are kept', async () => {
    const session = uid('sock');
    const socket = await openEventSocket(session);
    const batch = {
      sessionId: session,
      userId: 'u-1',
      consent: { analytics: false, personalization: false },
      events: [{ id: uid('ev'), type: 'view', ts: 1_780_000_000_000, itemId: 'i9', props: { price: 3 } }],
    };
    expect(await socket.send({ type: 'events', batch })).toMatchObject({ type: 'accepted', accepted: 1 });
    const stored = await storedSession(session);
    expect(stored?.userId).toBeUndefined();
    expect(stored?.events[0]).not.toHaveProperty('props');
    socket.close();
  });

  it('are refused, naming the field, for what POST /v1/events refuses, and for another session', async () => {
    const session = uid('sock');
    const socket = await openEventSocket(session);
    const good = viewBatch(session, 1);
    const bad = { ...good, events: [{ ...good.events[0]!, type: 'teleport' }] };
    expect(await socket.send({ type: 'events', batch: bad })).toMatchObject({
      type: 'error',
      code: 'invalid_body',
      path: 'batch.events.0.type',
    });
    expect(await socket.send('{"type":"events",')).toMatchObject({ type: 'error', code: 'invalid_json' });
    expect(await socket.send({ type: 'nonsense' })).toMatchObject({ type: 'error', path: 'type' });
    expect(await socket.send('x'.repeat(70_000))).toMatchObject({ type: 'error', code: 'body_too_large' });
    const other = uid('other');
    expect(await socket.send({ type: 'events', batch: viewBatch(other, 1) })).toMatchObject({
      type: 'error',
      code: 'wrong_session',
      path: 'batch.sessionId',
    });
    expect(await storedSession(session)).toBeNull();
    expect(await storedSession(other)).toBeNull();
    socket.close();
  });
});

/** The subscription ids on `session`'s sockets, in the order they were made (the URL's has none). */
function subscriptionIds(session: string): Promise<string[]> {
  return runInDurableObject(sessionObject(session), (_, state: DurableObjectState) =>
    state
      .getWebSockets()
      .flatMap((ws) => (ws.deserializeAttachment() as { subs: { id?: string }[] }).subs)
      .map((sub) => sub.id ?? '(url)'),
  );
}

describe('subscriptions sent up the push socket', () => {
  it('are refused by id, naming what the route would refuse; a socket carries at most 16', async () => {
    const session = uid('subs');
    const socket = await openEventSocket(session);
    expect(await socket.send({ type: 'subscribe', id: 'w1', query: 'placement=nowhere' })).toMatchObject({
      type: 'error',
      code: 'unknown_placement',
      path: 'query.placement',
      id: 'w1',
    });
    expect(await socket.send({ type: 'subscribe', id: 'w2', query: 'placement=home&k=x' })).toMatchObject({
      type: 'error',
      path: 'query.k',
      id: 'w2',
    });
    expect(await socket.send({ type: 'subscribe', id: '', query: 'placement=home' })).toMatchObject({
      type: 'error',
      path: 'id',
    });
    expect(await socket.send({ type: 'subscribe', id: 'w3' })).toMatchObject({
      type: 'error',
      path: 'query',
      id: 'w3',
    });
    // The socket's own site and session count, whatever the query says: accepted (the socket opened
    // with `home` carries 1; no model is published, so nothing is pushed), until the 17th.
    // A k above the placement's maxK is taken as "as many as it gives", not refused.
    // An accepted subscription has no answer: each is awaited in the socket's attachment before the
    // next is sent, as local workerd hands messages that queued up to the object out of order.
    const landed = (ids: string[]) =>
      vi.waitFor(async () => expect(await subscriptionIds(session)).toEqual(expect.arrayContaining(ids)));
    for (let i = 0; i < 15; i++) {
      socket.send({
        type: 'subscribe',
        id: `ok${i}`,
        query: `placement=trending&k=${i === 0 ? 999 : 3}&key=nope&session=${i}`,
      });
      await landed([`ok${i}`]);
    }
    expect(
      await socket.send({ type: 'subscribe', id: 'one-too-many', query: 'placement=trending' }),
    ).toMatchObject({ type: 'error', code: 'too_many_subscriptions', id: 'one-too-many' });
    // Unsubscribing makes room; re-subscribing an id replaces it rather than adding one.
    socket.send({ type: 'unsubscribe', id: 'ok0' });
    await vi.waitFor(async () => expect(await subscriptionIds(session)).not.toContain('ok0'));
    socket.send({ type: 'subscribe', id: 'ok1', query: 'placement=home' });
    await vi.waitFor(async () => expect((await subscriptionIds(session)).at(-1)).toBe('ok1'));
    socket.send({ type: 'subscribe', id: 'ok0', query: 'placement=home' });
    await landed(['ok0']);
    expect(await subscriptionIds(session)).toHaveLength(16);
    expect(
      await socket.send({ type: 'subscribe', id: 'again-too-many', query: 'placement=home' }),
    ).toMatchObject({
      type: 'error',
      code: 'too_many_subscriptions',
    });
    socket.close();
  });
});
