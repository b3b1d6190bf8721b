import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BASE, ORIGIN, postEvents, storedSession, uid, viewBatch } from './helpers.ts';

/** POST /v1/sessions/:id/forget as the SDK sends it: key in the query, the page's Origin, no body. */
function forget(
  sessionId: string,
  { key = 'demo', origin = ORIGIN }: { key?: string | null; origin?: string | null } = {},
): Promise<Response> {
  const url = new URL(`/v1/sessions/${encodeURIComponent(sessionId)}/forget`, BASE);
  if (key !== null) url.searchParams.set('key', key);
  return exports.default.fetch(url, { method: 'POST', headers: origin === null ? {} : { Origin: origin } });
}

describe('POST /v1/sessions/:id/forget (the SDK erasing its own session)', () => {
  it('erases the session with the site key and an allowed Origin, no admin token', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 3), { origin: ORIGIN });
    expect((await storedSession(sessionId))?.events).toHaveLength(3);

    const res = await forget(sessionId);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(await storedSession(sessionId)).toBeNull();
  });

  it('answers the same for a session that never existed (reveals nothing)', async () => {
    const res = await forget(uid('s'));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('refuses a missing or unknown key, a foreign Origin and a malformed id, erasing nothing', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 1), { origin: ORIGIN });
    const cases = [
      [await forget(sessionId, { key: null }), 401, 'missing_site_key'],
      [await forget(sessionId, { key: 'nope' }), 401, 'unknown_site_key'],
      [await forget(sessionId, { origin: 'https://evil.example' }), 403, 'origin_not_allowed'],
      [await forget('bad id!'), 400, 'invalid_session_id'],
    ] as const;
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
    expect((await storedSession(sessionId))?.events).toHaveLength(1);
  });

  it('leaves the admin routes under /v1/sessions/* behind the admin token', async () => {
    const sessionId = uid('s');
    await postEvents(viewBatch(sessionId, 1), { origin: ORIGIN });
    const res = await exports.default.fetch(`${BASE}/v1/sessions/${sessionId}`, {
      headers: { Origin: ORIGIN },
    });
    expect(res.status).toBe(401);
    // Only POST erases; anything else falls through to the admin routes.
    const get = await exports.default.fetch(`${BASE}/v1/sessions/${sessionId}/forget?key=demo`, {
      headers: { Origin: ORIGIN },
    });
    expect(get.status).toBe(401);
    expect((await storedSession(sessionId))?.events).toHaveLength(1);
  });
});
