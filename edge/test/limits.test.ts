/**
 * Abuse limits through the real Rate Limiting binding (workerd's local simulation): sites `tight` and
 * `tight2` point every limit at a test tier of 3 requests per 10 s (test/vitest.config.ts).
 */
import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { abuseCounts } from '../src/limits/counters.ts';
import { ADMIN_TOKEN, BASE, postEvents, uid, viewBatch } from './helpers.ts';

const ip = (n: number) => ({ 'CF-Connecting-IP': `203.0.113.${n}` });

async function expect429(res: Response, path: string, limit: string): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('Retry-After')).toBe('10');
  const body = await res.json<{ error: { code: string; message: string; path: string } }>();
  expect(body.error).toMatchObject({ code: 'rate_limited', path });
  expect(body.error.message).toContain(limit);
}

/** Wait until the 10-s window of the simulated limits has turned (they count in fixed windows). */
const nextWindow = () => new Promise((r) => setTimeout(r, 10_050 - (Date.now() % 10_000)));

// A test counts up to a limit within one window: one that turned halfway (a loaded machine, seen
// with the node tests running beside these) counted the last request in a fresh window, and the
// 429 it expected was a 202. Each test starts with at least 4 s of its window left.
beforeEach(async () => {
  if (Date.now() % 10_000 > 6_000) await nextWindow();
});

describe('abuse limits', () => {
  it('events per session: 429 with Retry-After over the limit, then accepted again', async () => {
    const sessionId = uid('s');
    for (let i = 0; i < 3; i++)
      expect((await postEvents(viewBatch(sessionId, 1), { key: 'tight' })).status).toBe(202);
    await expect429(
      await postEvents(viewBatch(sessionId, 1), { key: 'tight' }),
      'sessionId',
      'eventsPerSession',
    );
    // Another session of the site is not held back by this one; the default site not at all.
    expect((await postEvents(viewBatch(uid('s'), 1), { key: 'tight' })).status).toBe(202);
    expect((await postEvents(viewBatch(sessionId, 1), { key: 'demo' })).status).toBe(202);
    await vi.waitFor(
      async () => {
        const today = new Date().toISOString().slice(0, 10);
        expect((await abuseCounts(env.CATALOG, 'tight', today))['rate_limited:eventsPerSession']).toBe(1);
      },
      { timeout: 5_000 },
    );
    await nextWindow();
    expect((await postEvents(viewBatch(sessionId, 1), { key: 'tight' })).status).toBe(202);
  }, 20_000);

  it('events per client address', async () => {
    for (let i = 0; i < 3; i++)
      expect((await postEvents(viewBatch(uid('s'), 1), { key: 'tight', headers: ip(1) })).status).toBe(202);
    const res = await postEvents(viewBatch(uid('s'), 1), { key: 'tight', headers: ip(1) });
    await expect429(res, 'CF-Connecting-IP', 'eventsPerIp');
    expect((await postEvents(viewBatch(uid('s'), 1), { key: 'tight', headers: ip(2) })).status).toBe(202);
  });

  it('new sessions per client address; a session already open goes on', async () => {
    const first = uid('s');
    expect((await postEvents(viewBatch(first, 1), { key: 'tight2', headers: ip(3) })).status).toBe(202);
    for (let i = 0; i < 2; i++)
      expect((await postEvents(viewBatch(uid('s'), 1), { key: 'tight2', headers: ip(3) })).status).toBe(202);
    const sessionId = uid('s');
    const res = await postEvents(viewBatch(sessionId, 1), { key: 'tight2', headers: ip(3) });
    await expect429(res, 'CF-Connecting-IP', 'sessionsPerIp');
    // Nothing was stored for the refused session; the open one still takes events.
    const stored = await exports.default.fetch(`${BASE}/v1/sessions/${sessionId}?key=tight2`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(stored.status).toBe(404);
    expect((await postEvents(viewBatch(first, 1), { key: 'tight2', headers: ip(3) })).status).toBe(202);
  });

  it("the SDK's erasures (forget) count as new sessions of the client address", async () => {
    const forget = (n: number) =>
      exports.default.fetch(`${BASE}/v1/sessions/${uid('s')}/forget?key=tight`, {
        method: 'POST',
        headers: ip(n), // site `tight` allows no Origin: a request without one, as from a server
      });
    for (let i = 0; i < 3; i++) expect((await forget(9)).status).toBe(204);
    await expect429(await forget(9), 'CF-Connecting-IP', 'sessionsPerIp');
    expect((await forget(10)).status).toBe(204);
  });

  it('recommendations and WebSocket subscriptions per session', async () => {
    const session = uid('s');
    const url = `${BASE}/v1/recommendations?key=tight&placement=home&session=${session}`;
    for (let i = 0; i < 3; i++) expect((await exports.default.fetch(url)).status).not.toBe(429);
    await expect429(await exports.default.fetch(url), 'session', 'recommendationsPerSession');
    const ws = await exports.default.fetch(url.replace('/recommendations?', '/recommendations/ws?'), {
      headers: { Upgrade: 'websocket' },
    });
    await expect429(ws, 'session', 'recommendationsPerSession');
  });

  it('admin requests per admin key, under the site they name', async () => {
    const get = () =>
      exports.default.fetch(`${BASE}/v1/sessions/${uid('s')}?key=tight`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(404);
    await expect429(await get(), 'Authorization', 'admin');
  });
});
