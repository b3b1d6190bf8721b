/**
 * The second stage at the edge: the model's re-rank over the site's online signals, which start from
 * the model's `signals` artifact and learn from every accepted event: in the site's write shards at
 * once, in this isolate's replica at its next refresh (forced here, where the tests wait for it).
 * (Imports the ORT wasm through the model load: ~10 s for this file in vitest-pool-workers.)
 */

import { env, exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { OnlineSignals, serializeSignals } from '../../../model/src/serve/index.ts';
import { towerLoaded } from '../../src/model-registry/active-model.ts';
import { SignalsReplica } from '../../src/signals/replica.ts';
import { replicaSource, siteSignals } from '../../src/signals/site-signals.ts';
import { publishFixture } from '../fixtures/publish-fixture.ts';
import { BASE, postEvents, uid } from '../helpers.ts';

// Sequential rules weigh twice the (≤ 1) tower similarity: a learned successor must come first.
const WEIGHTS = { tower: 1, sr: 2 };

const track = (sessionId: string, items: string[]) =>
  postEvents({
    sessionId,
    consent: { analytics: true, personalization: true },
    events: items.map((itemId, i) => ({ id: uid('ev'), ts: Date.now() + i, type: 'view', itemId })),
  });

/** The answer for a new session that has viewed `item` (waits for model `version` to be served). */
async function answerAfterViewing(item: string, version: string): Promise<string[]> {
  for (let i = 0; i < 500; i++) {
    const session = uid('probe');
    expect((await track(session, [item])).status).toBe(202);
    const query = new URLSearchParams({ key: 'demo', placement: 'home', k: '5', session });
    const ask = () => exports.default.fetch(`${BASE}/v1/recommendations?${query}`);
    const res = await ask();
    const body = (await res.json()) as RecommendationResponse;
    if (res.status === 200 && body.model === version) {
      // A new isolate answers from trending while its tower loads: ask again once it is ready.
      await towerLoaded();
      return ((await (await ask()).json()) as RecommendationResponse).items.map((x) => x.id);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`model ${version} never answered`);
}

/** The "similar to `item`" answer on the product placement (waits for model `version`). */
async function similarTo(item: string, version: string): Promise<string[]> {
  for (let i = 0; i < 500; i++) {
    const query = new URLSearchParams({ key: 'demo', placement: 'product', k: '5', session: uid('p'), item });
    const res = await exports.default.fetch(`${BASE}/v1/recommendations?${query}`);
    const body = (await res.json()) as RecommendationResponse;
    if (res.status === 200 && body.model === version) return body.items.map((x) => x.id);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`model ${version} never answered`);
}

/**
 * Answers until `item` comes first: the session objects' replica sees the shoppers' clicks at its
 * next refresh, at most SIGNALS_REFRESH_MS (+ one refresh) after them. The last answer otherwise.
 */
async function untilFirst(item: string, answer: () => Promise<string[]>): Promise<string[]> {
  let ids = await answer();
  for (let i = 0; i < 300 && ids[0] !== item; i++) {
    await new Promise((r) => setTimeout(r, 10));
    ids = await answer();
  }
  return ids;
}

describe('online re-rank at the edge', { timeout: 30_000 }, () => {
  it('a sequence learned online from other sessions moves its successor to the top', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'online-a', 'a', { weights: WEIGHTS });
    const a = fixture.itemIds[2]!; // fixture session 0: the tower has seen this item alone
    const before = await answerAfterViewing(a, 'online-a');
    const inStock = new Set(fixture.vectors.filter((v) => v.metadata.inStock).map((v) => v.id));
    const b = fixture.itemIds.find((id) => id !== a && inStock.has(id) && !before.includes(id))!;

    for (let s = 0; s < 20; s++) expect((await track(uid('shopper'), [a, b])).status).toBe(202);
    const after = await untilFirst(b, () => answerAfterViewing(a, 'online-a'));
    expect(before).not.toContain(b);
    expect(after[0]).toBe(b);
  });

  it('"similar to this product" is re-ranked too: what shoppers view next comes first', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'online-c', 'a', { weights: WEIGHTS });
    const a = fixture.itemIds[3]!;
    const before = await similarTo(a, 'online-c');
    const inStock = new Set(fixture.vectors.filter((v) => v.metadata.inStock).map((v) => v.id));
    // The least similar in-stock item: only the learned sequence can lift it.
    const b = fixture.itemIds.filter((id) => id !== a && inStock.has(id) && !before.includes(id)).at(-1)!;

    for (let s = 0; s < 20; s++) expect((await track(uid('shopper'), [a, b])).status).toBe(202);
    const after = await untilFirst(b, () => similarTo(a, 'online-c'));
    expect(before).not.toContain(b);
    expect(after[0]).toBe(b);
    expect(after).not.toContain(a);
  });

  it("starts from the model's signals artifact, and a cold replica replays the shards' journals", async () => {
    const fixture = inject('tower');
    const [a, c] = ['item-12', 'item-20'];
    const offline = new OnlineSignals();
    for (let s = 0; s < 10; s++) {
      offline.update({ sessionId: `offline-${s}`, itemId: a, time: 1_600_000_000 + s });
      offline.update({ sessionId: `offline-${s}`, itemId: c, time: 1_600_000_001 + s });
    }
    await publishFixture(fixture, 'online-b', 'b', { weights: WEIGHTS, signals: serializeSignals(offline) });
    expect((await answerAfterViewing(a, 'online-b'))[0]).toBe(c);

    // A cold replica (a new isolate) rebuilds the same signals from the artifact and the shards.
    const clicks = [{ itemId: a, time: Date.now() / 1000 }];
    const ann = [{ id: 'item-1', score: 0.5 }];
    const warm = siteSignals(env, 'demo');
    await warm.refresh();
    const live = await warm.candidates('online-b', 'probe-x', clicks, ann);
    const cold = new SignalsReplica(replicaSource(env, 'demo'), { refreshMs: 1000, maxStaleMs: 10_000 });
    const rebuilt = await cold.candidates('online-b', 'probe-x', clicks, ann);
    expect(rebuilt.ids).toEqual(live.ids);
    expect(Array.from(rebuilt.features)).toEqual(Array.from(live.features));
    expect(live.ids).toContain(c);
  });
});
