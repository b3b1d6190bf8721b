/**
 * Answers read the catalogue, not the index's frozen metadata, in workerd with a published model:
 * stock, deletions, prices and titles reach the next answer; a new product is recommendable at once;
 * all with the index's mutations delayed, so none of it depends on Vectorize catching up.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { encodeItemFeatures } from '../../../model/src/serve/item-features.ts';
import { PRICE_BUCKETS } from '../../../model/src/train/item-features.ts';
import { catalogRows, TTL_MS } from '../../src/catalog/cache.ts';
import { upsertItems } from '../../src/catalog/store.ts';
import { publishFixture } from '../fixtures/publish-fixture.ts';
import { untilTowerAnswers } from '../fixtures/until-tower.ts';
import { ADMIN_TOKEN, BASE, uid } from '../helpers.ts';
import { catalog, ndjson } from './client.ts';

const fixture = inject('tower');
const CATEGORIES = ['cat-0', 'cat-1', 'cat-2', 'cat-3', 'cat-4'];

/** Feature tables for the fixture model: one direction per category, so a new item lands among its category. */
function featureTables(dim: number) {
  const category = new Float32Array((CATEGORIES.length + 1) * dim);
  for (let c = 1; c <= CATEGORIES.length; c++) category[c * dim + ((c - 1) % dim)] = 1;
  return encodeItemFeatures({
    dim,
    categories: CATEGORIES,
    category,
    price: new Float32Array((PRICE_BUCKETS + 1) * dim),
  });
}

async function answer(query: Record<string, string>): Promise<RecommendationResponse> {
  const params = new URLSearchParams({ key: 'demo', session: uid('sess'), ...query });
  const res = await exports.default.fetch(`${BASE}/v1/recommendations?${params}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as RecommendationResponse;
}
const idsOf = (r: RecommendationResponse) => r.items.map((i) => i.id);

/** The shop's items: the fixture's, all in stock, with shop titles; item-49 never sent. */
const shopItems = fixture.vectors.slice(0, 48).map((v, i) => ({
  id: v.id,
  title: `Shop ${v.id}`,
  category: v.metadata.category,
  price: v.metadata.price,
  currency: 'EUR',
  url: `/p/${v.id}`,
  inStock: true,
  attributes: { n: i },
}));

beforeAll(async () => {
  await publishFixture(fixture, 'catalog-model', 'a');
  const features = featureTables(fixture.dim);
  const put = await exports.default.fetch(`${BASE}/v1/admin/models/catalog-model/item-features`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    body: features,
  });
  expect(put.status).toBe(200);
  const res = await catalog('POST', '', { body: ndjson(shopItems), type: 'application/x-ndjson' });
  expect(await res.json()).toMatchObject({ upserted: 48, errors: [] });
  // From here on the index applies mutations a minute late, as a loaded Vectorize might.
  await env.VECTOR_INDEX.getByName(`${env.VECTORIZE_INDEX}-a`).delayMutations(60_000);
  // The first answer of an isolate loads the model; its tower (the ORT wasm, ~10-20 s in this
  // pool) is created once that answer has left.
  await answer({ placement: 'trending', k: '1' });
  await untilTowerAnswers('demo', 'item-1');
}, 120_000);

describe('answers from the catalogue', () => {
  it("show the catalogue's titles, prices and links, and never an item the shop did not send", async () => {
    const r = await answer({ placement: 'trending', k: '24' });
    expect(r.items).toHaveLength(24);
    for (const item of r.items) {
      const shop = shopItems.find((s) => s.id === item.id)!;
      expect(item).toMatchObject({ title: shop.title, price: shop.price, currency: 'EUR', url: shop.url });
    }
    expect(idsOf(r)).not.toContain('item-49');
  });

  it('an item marked out of stock is in no answer after the write is acknowledged; back in stock, it returns', async () => {
    const before = await answer({ placement: 'product', item: 'item-1', k: '6' });
    expect(before.items).toHaveLength(6);
    const victim = before.items[0]!.id;
    expect((await catalog('PATCH', `/${victim}`, { body: { inStock: false } })).status).toBe(200);
    const queries: Record<string, string>[] = [
      { placement: 'product', item: 'item-1', k: '6' },
      { placement: 'trending', k: '24' },
      { placement: 'home', k: '24' },
    ];
    for (const query of queries) {
      const after = await answer(query);
      expect(idsOf(after), JSON.stringify(query)).not.toContain(victim);
      expect(after.items.length).toBe(Number(query.k));
    }
    await catalog('PATCH', `/${victim}`, { body: { inStock: true } });
    expect(idsOf(await answer({ placement: 'product', item: 'item-1', k: '6' }))).toContain(victim);
  });

  it('a deleted item is in no answer; a price or title change shows in the next answer', async () => {
    const before = await answer({ placement: 'product', item: 'item-2', k: '6' });
    const [gone, changed] = idsOf(before);
    await catalog('DELETE', `/${gone}`);
    await catalog('PATCH', `/${changed}`, { body: { price: 1234.5, title: 'Now on sale' } });
    const after = await answer({ placement: 'product', item: 'item-2', k: '6' });
    expect(idsOf(after)).not.toContain(gone);
    expect(after.items).toHaveLength(6);
    expect(after.items.find((i) => i.id === changed)).toMatchObject({ price: 1234.5, title: 'Now on sale' });
  });

  it('a new product answers item= with similar items and shows in category= answers at once', async () => {
    const put = await catalog('PUT', '/new-arrival', {
      body: { title: 'New arrival', category: 'cat-2', price: 25, url: '/p/new-arrival' },
    });
    expect(put.status).toBe(200);
    const similar = await answer({ placement: 'product', item: 'new-arrival', k: '6' });
    expect(similar.items).toHaveLength(6);
    expect(idsOf(similar)).not.toContain('new-arrival');
    // Its vector is its category's direction (dimension 2): the nearest items are those with the
    // largest component there.
    const nearest = fixture.vectors
      .filter((v) => shopItems.some((s) => s.id === v.id))
      .sort((a, b) => b.values[2]! - a.values[2]!)
      .slice(0, 12)
      .map((v) => v.id);
    for (const id of idsOf(similar)) expect(nearest).toContain(id);
    const inCategory = await answer({ placement: 'home', category: 'cat-2', k: '8' });
    expect(idsOf(inCategory)).toContain('new-arrival');
    expect(inCategory.items.every((i) => i.category === 'cat-2')).toBe(true);
    expect(inCategory.items.find((i) => i.id === 'new-arrival')).toMatchObject({
      title: 'New arrival',
      price: 25,
    });
  });

  it("another site's catalogue and new products never reach this site's answers", async () => {
    await catalog('PUT', '/shop2-only', { site: 'shop2', body: { title: 'Other shop', category: 'cat-2' } });
    const r = await answer({ placement: 'home', category: 'cat-2', k: '8' });
    expect(idsOf(r)).not.toContain('shop2-only');
  });

  it(`an answer ${TTL_MS} ms after another isolate's write admits no item it took out of stock`, async () => {
    const queries: Record<string, string>[] = [
      { placement: 'trending', k: '24' },
      { placement: 'home', k: '24' },
    ];
    const first = idsOf(await answer(queries[0]!))[0];
    const victim = shopItems.find((i) => i.id === first)!;
    await catalogRows(env.CATALOG, 'demo', [victim.id]); // this isolate's replica holds it in stock
    // Straight into the store, as an isolate elsewhere would (this one is not told), and written
    // long enough ago that it is no fresh item either: only the replica's catch-up can see it. The
    // answer's retrieval runs beside that query; its admission waits for it.
    const longAgo = Date.now() - 11 * 60_000;
    await upsertItems(env.CATALOG, 'demo', [{ ...victim, inStock: false, updatedAt: Date.now() }], longAgo);
    await new Promise((r) => setTimeout(r, TTL_MS + 50));
    try {
      for (const query of queries) {
        const after = await answer(query);
        expect(idsOf(after), JSON.stringify(query)).not.toContain(victim.id);
        expect(after.items).toHaveLength(24);
      }
    } finally {
      await catalog('PATCH', `/${victim.id}`, { body: { inStock: true } });
    }
  });
});

describe('the per-isolate replica', () => {
  it(`answers from its rows for ${TTL_MS} ms at most: a write from another isolate is seen after that`, async () => {
    const t = Date.now() + 10_000;
    await catalogRows(env.CATALOG, 'demo', ['item-5'], t);
    // Written straight into the store, as an isolate elsewhere would (this one is not told).
    const shop = shopItems.find((i) => i.id === 'item-5')!;
    await upsertItems(env.CATALOG, 'demo', [{ ...shop, inStock: false, updatedAt: undefined }]);
    expect((await catalogRows(env.CATALOG, 'demo', ['item-5'], t + TTL_MS - 1)).get('item-5')?.in_stock).toBe(
      1,
    );
    expect((await catalogRows(env.CATALOG, 'demo', ['item-5'], t + TTL_MS)).get('item-5')?.in_stock).toBe(0);
  });
});
