/**
 * Events sent up the push socket: stored and logged once with the batch that comes later through
 * `POST /v1/events`, refused for what that route refuses, and only for the socket's own session.
 * (That a push follows is in tower/with-model.test.ts, which has a model.)
 */
import { describe, expect, it, vi } from 'vitest';
import { loggedLines, openEventSocket, postEvents, storedSession, uid, viewBatch } from './helpers.ts';

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
