/**
 * Two sites on one deployment (`demo` and `shop2`): the same session id sent under both keys is two
 * sessions, and no route reached with one site's key reads, writes, pushes to or erases the other's.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecommendationResponse } from '../../contracts/recommendations.ts';
import { recordSignals } from '../src/signals/site-signals.ts';
import { publishFixture } from './fixtures/publish-fixture.ts';
import { untilTowerAnswers } from './fixtures/until-tower.ts';
import {
  ADMIN_TOKEN,
  admin,
  BASE,
  postEvents,
  sessionObject,
  storedSession,
  uid,
  viewBatch,
} from './helpers.ts';

const A = 'demo';
const B = 'shop2';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const fetchApi = (path: string, init: RequestInit = {}) => exports.default.fetch(`${BASE}${path}`, init);

/** A session of site A with a few views. */
async function sessionOfA(): Promise<string> {
  const sessionId = uid('iso');
  expect((await postEvents(viewBatch(sessionId, 3), { key: A })).status).toBe(202);
  return sessionId;
}

async function recommend(site: string, session: string, placement = 'home'): Promise<RecommendationResponse> {
  const q = new URLSearchParams({ key: site, session, placement });
  const res = await fetchApi(`/v1/recommendations?${q}`);
  expect(res.status).toBe(200);
  return res.json<RecommendationResponse>();
}

beforeAll(async () => {
  await publishFixture(inject('tower'), 'iso-a', 'a');
  // Each isolate re-reads the active model at most every 2 s.
  for (let i = 0; i < 400; i++) {
    const res = await fetchApi(`/v1/recommendations?key=${A}&session=${uid('probe')}&placement=home`);
    if (res.ok && (await res.json<RecommendationResponse>()).model === 'iso-a') {
      await untilTowerAnswers(A, 'item-1'); // created after that first answer
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('model iso-a never answered');
}, 60_000);

describe('sites are isolated', () => {
  it('events: the same session id under another key is another session', async () => {
    const sessionId = uid('iso');
    expect((await postEvents(viewBatch(sessionId, 3), { key: A })).status).toBe(202);
    expect((await postEvents(viewBatch(sessionId, 1), { key: B })).status).toBe(202);
    const a = await storedSession(sessionId, A);
    const b = await storedSession(sessionId, B);
    expect(a).toMatchObject({ site: A, sessionId });
    expect(b).toMatchObject({ site: B, sessionId });
    expect(a?.events).toHaveLength(3);
    expect(b?.events.map((e) => e.itemId)).toEqual(['i0']);
  });

  it('recommendations: another key answers from its own session, not from the history', async () => {
    const fixture = inject('tower');
    const bought = fixture.vectors.find((v) => v.metadata.inStock)!.id;
    const purchase = (sessionId: string, site: string, n = 1) =>
      postEvents(
        {
          sessionId,
          consent: { analytics: true, personalization: true },
          events: Array.from({ length: n }, () => ({
            id: uid('ev'),
            type: 'purchase',
            itemId: bought,
            ts: Date.now(),
          })),
        },
        { key: site },
      );
    // The item trends on both sites; the visitor bought it on site A only.
    await purchase(uid('crowd'), A, 5);
    await purchase(uid('crowd'), B, 5);
    const sessionId = uid('iso');
    expect((await purchase(sessionId, A)).status).toBe(202);
    const ids = async (site: string, session: string) =>
      (await recommend(site, session, 'trending')).items.map((i) => i.id);
    expect(await ids(A, uid('fresh'))).toContain(bought);
    // Site A excludes what this visitor bought; under B's key the same id has bought nothing.
    expect(await ids(A, sessionId)).not.toContain(bought);
    expect(await ids(B, sessionId)).toContain(bought);
    expect((await storedSession(sessionId, B))?.events ?? []).toEqual([]);
  });

  it('WebSocket: a subscription under another key is attached to that site’s session only', async () => {
    const sessionId = await sessionOfA();
    const q = new URLSearchParams({ key: B, session: sessionId, placement: 'home', k: '5' });
    const res = await fetchApi(`/v1/recommendations/ws?${q}`, { headers: { Upgrade: 'websocket' } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const sockets = (site: string) =>
      runInDurableObject(sessionObject(sessionId, site), (_, state) => state.getWebSockets().length);
    // A's events reach A's object, which has no subscriber: nothing of A can be pushed to B's socket.
    expect(await sockets(B)).toBe(1);
    expect(await sockets(A)).toBe(0);
    ws.close(1000, 'done');
  });

  it('forget: another key’s erasure leaves the session as it was', async () => {
    const sessionId = uid('iso');
    await postEvents(viewBatch(sessionId, 2), { key: A });
    const res = await fetchApi(`/v1/sessions/${sessionId}/forget?key=${B}`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect((await storedSession(sessionId, A))?.events).toHaveLength(2);
  });

  it('admin GET / DELETE name the site with ?key= and reach only that site’s session', async () => {
    const sessionId = uid('iso');
    await postEvents(viewBatch(sessionId, 2), { key: A });
    expect((await admin('GET', sessionId, ADMIN_TOKEN, B)).status).toBe(404);
    const erase = await admin('DELETE', sessionId, ADMIN_TOKEN, B);
    expect(await erase.json()).toEqual({ sessionId, erased: true, existed: false });
    expect((await storedSession(sessionId, A))?.events).toHaveLength(2);

    const missing = await fetchApi(`/v1/sessions/${sessionId}`, { headers: auth });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'missing_site_key', path: 'key' } });
    const unknown = await fetchApi(`/v1/sessions/${sessionId}?key=nope`, { headers: auth });
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_site_key' } });
    // Without the token nothing is said about the site key either.
    const noToken = await fetchApi(`/v1/sessions/${sessionId}?key=nope`);
    expect(await noToken.json()).toMatchObject({ error: { code: 'unauthorized' } });

    const own = await admin('DELETE', sessionId, ADMIN_TOKEN, A);
    expect(await own.json()).toEqual({ sessionId, erased: true, existed: true });
  });

  it('experiments: a site’s report counts only its own impressions and clicks', async () => {
    const report = async (site: string) => {
      const res = await fetchApi(`/v1/experiments/home-diversity?key=${site}`, { headers: auth });
      expect(res.status).toBe(200);
      return res.json<{ variants: { impressions: number }[] }>();
    };
    const before = await report(B);
    await recordSignals(env, A, {
      at: Date.now(),
      sessionId: uid('iso'),
      events: [{ type: 'impression', items: [], experiment: { name: 'home-diversity', variant: 'control' } }],
    });
    expect(await report(B)).toEqual(before);
  });

  it('catalogue: an item of one site is neither read, listed, changed nor deleted under another', async () => {
    const id = uid('iso-item');
    const item = (site: string) => `/v1/catalog/items/${id}?key=${site}`;
    const put = await fetchApi(item(A), {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Only A', price: 1, category: 'a' }),
    });
    expect(put.status).toBe(200);
    expect((await fetchApi(item(B), { headers: auth })).status).toBe(404);
    const listB = await fetchApi(`/v1/catalog/items?key=${B}`, { headers: auth });
    expect(await listB.text()).not.toContain(id);
    await fetchApi(item(B), { method: 'DELETE', headers: auth });
    const stillA = await fetchApi(item(A), { headers: auth });
    expect(stillA.status).toBe(200);
    expect(await stillA.text()).toContain('Only A');
  });
});
