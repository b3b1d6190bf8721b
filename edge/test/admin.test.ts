import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { admin, postEvents, sessionObject, storedSession, uid, viewBatch } from './helpers.ts';

describe('admin session routes', () => {
  it('answer 401 without a token or with a wrong one, revealing nothing', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 1));
    for (const token of [null, 'wrong-token', 'test-admin-token-but-longer', '']) {
      for (const method of ['GET', 'DELETE'] as const) {
        const res = await admin(method, sessionId, token);
        expect(res.status).toBe(401);
        expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
        const body = await res.text();
        expect(body).toContain('"code":"unauthorized"');
        expect(body).not.toContain('i0');
      }
    }
    expect((await storedSession(sessionId))?.events).toHaveLength(1);
  });

  it('validate the session id', async () => {
    const res = await admin('GET', 'bad id!');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_session_id', path: 'id' } });
  });

  it('GET returns the state: session, consent, events in order, aggregates, expiry', async () => {
    const sessionId = uid('s');
    await postEvents({ ...viewBatch(sessionId, 2), userId: 'u-42' });
    const res = await admin('GET', sessionId);
    expect(res.status).toBe(200);
    const state = await res.json<Record<string, unknown>>();
    expect(state).toMatchObject({
      sessionId,
      userId: 'u-42',
      consent: { analytics: true, personalization: true },
      aggregates: { viewed: ['i1', 'i0'], carted: [], purchased: [] },
    });
    expect(state.expiresAt).toBeGreaterThan(Date.now());
  });

  it('GET of an unknown session is 404', async () => {
    const res = await admin('GET', uid('s'));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'session_not_found' } });
  });

  it('DELETE erases all storage and the alarm, and says so', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 3));
    const res = await admin('DELETE', sessionId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sessionId, erased: true, existed: true });
    expect(await storedSession(sessionId)).toBeNull();
    const left = await runInDurableObject(sessionObject(sessionId), async (_, state) => ({
      tables: state.storage.sql.exec(`SELECT name FROM sqlite_master WHERE type = 'table'`).toArray().length,
      alarm: await state.storage.getAlarm(),
    }));
    expect(left).toEqual({ tables: 0, alarm: null });
    // Erasing again is fine and reports there was nothing.
    expect(await (await admin('DELETE', sessionId)).json()).toEqual({
      sessionId,
      erased: true,
      existed: false,
    });
    // The session starts afresh if the visitor sends more.
    expect(await (await postEvents(viewBatch(sessionId, 1))).json()).toEqual({ accepted: 1, duplicates: 0 });
  });
});

it('GET /v1/health answers without auth', async () => {
  const { exports } = await import('cloudflare:workers');
  const res = await exports.default.fetch('http://localhost/v1/health');
  expect(await res.json()).toEqual({ ok: true });
});
