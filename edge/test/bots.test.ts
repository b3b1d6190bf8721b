/** Future timestamps are refused; bots are answered but kept out of trending. */
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecommendationResponse } from '../../contracts/recommendations.ts';
import { publishFixture } from './fixtures/publish-fixture.ts';
import { untilTowerAnswers } from './fixtures/until-tower.ts';
import { BASE, postEvents, storedSession, uid, viewBatch } from './helpers.ts';

const trendingIds = async () => {
  const q = new URLSearchParams({ key: 'shop2', session: uid('fresh'), placement: 'trending' });
  const res = await exports.default.fetch(`${BASE}/v1/recommendations?${q}`);
  return ((await res.json()) as RecommendationResponse).items.map((i) => i.id);
};

/**
 * Trending once it holds `marker`: the per-isolate replica refreshes within SIGNALS_REFRESH_MS, so an
 * item purchased after the events under test shows that the replica has read past them.
 */
async function trendingAfter(marker: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ids = await trendingIds();
    if (ids.includes(marker) || Date.now() > deadline) return ids;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await publishFixture(inject('tower'), 'bots-a', 'a');
  for (let i = 0; i < 400; i++) {
    const res = await exports.default.fetch(
      `${BASE}/v1/recommendations?key=shop2&session=${uid('p')}&placement=home`,
    );
    if (res.ok && ((await res.json()) as RecommendationResponse).model === 'bots-a') {
      await untilTowerAnswers('shop2', 'item-1'); // created after that first answer
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('model bots-a never answered');
}, 60_000);

describe('future timestamps', () => {
  it('an event stamped more than 5 minutes ahead is refused with a 400 naming its ts', async () => {
    const batch = viewBatch(uid('s'), 2, Date.now());
    batch.events[1]!.ts = Date.now() + 6 * 60_000;
    const res = await postEvents(batch);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', path: 'events.1.ts' } });
    expect(await storedSession(batch.sessionId)).toBeNull();
    // A little clock skew is fine.
    batch.events[1]!.ts = Date.now() + 60_000;
    expect((await postEvents(batch)).status).toBe(202);
  });
});

describe('bots', () => {
  const purchases = (sessionId: string, itemId: string, n: number) => ({
    sessionId,
    consent: { analytics: true, personalization: true },
    events: Array.from({ length: n }, () => ({ id: uid('ev'), type: 'purchase', itemId, ts: Date.now() })),
  });
  const items = () =>
    inject('tower')
      .vectors.filter((v) => v.metadata.inStock)
      .map((v) => v.id);

  it('a bot user agent is answered, stored, but its events never trend', async () => {
    const item = items().at(-1)!; // far from the backfill an empty trending list gets
    const res = await postEvents(purchases(uid('bot'), item, 20), {
      key: 'shop2',
      headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    });
    expect(res.status).toBe(202);
    const human = {
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
    };
    const marker = items().at(-3)!;
    await postEvents(purchases(uid('human'), marker, 30), { key: 'shop2', headers: human });
    const after = await trendingAfter(marker);
    expect(after).toContain(marker);
    expect(after).not.toContain(item);
    // The same purchases from a browser trend.
    await postEvents(purchases(uid('human'), item, 20), { key: 'shop2', headers: human });
    expect(await trendingAfter(item)).toContain(item);
  });

  it('a session sending faster than a person is kept out from then on', async () => {
    const item = items().at(-2)!;
    const sessionId = uid('fast');
    // 300 events in a few milliseconds: over 200 in 10 s.
    for (let i = 0; i < 3; i++) await postEvents(purchases(sessionId, 'filler', 100), { key: 'shop2' });
    expect((await postEvents(purchases(sessionId, item, 20), { key: 'shop2' })).status).toBe(202);
    const marker = items().at(-4)!;
    await postEvents(purchases(uid('human'), marker, 40), { key: 'shop2' });
    const after = await trendingAfter(marker);
    expect(after).toContain(marker);
    expect(after).not.toContain(item);
  });
});
