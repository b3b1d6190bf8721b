import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { unpackVectors } from '../../../contracts/packed-vectors.ts';
import { assemble } from '../../src/serving/assemble.ts';
import { ITEM_METADATA_INDEXES } from '../../src/serving/catalogue.ts';
import { withFreshItems } from '../../src/serving/fresh-index.ts';
import { nearest, similarTo, trending } from '../../src/serving/retrieve.ts';
import { recordSignals, siteSignals } from '../../src/signals/site-signals.ts';
import { localVectorIndex } from '../../src/vectorize/binding.ts';

async function catalogue() {
  const index = localVectorIndex(env, `retrieve-${crypto.randomUUID()}`);
  await index.createIndex({ dimensions: 2, metric: 'dot-product' });
  for (const m of ITEM_METADATA_INDEXES) await index.createMetadataIndex(m);
  await index.upsert([
    { id: 'hat', values: [1, 0], metadata: { title: 'Hat', category: 'hats', price: 10, inStock: true } },
    { id: 'cap', values: [0.9, 0.1], metadata: { title: 'Cap', category: 'hats', price: 8, inStock: false } },
    { id: 'boot', values: [0, 1], metadata: { title: 'Boot', category: 'shoes', price: 50, image: 'b.png' } },
    {
      id: 'sock',
      values: [0.2, 0.8],
      metadata: { title: 'Sock', category: 'shoes', price: 3, url: '/sock', extra: 1 },
    },
  ]);
  return index;
}

describe('retrieval', () => {
  it('nearest: higher similarity first (dot-product scores flipped), with indexed category and stock', async () => {
    const index = await catalogue();
    const { candidates } = await nearest(index, [1, 0], { topK: 3, metric: 'dot-product' });
    expect(candidates).toEqual([
      { id: 'hat', score: 1, category: 'hats', inStock: true },
      { id: 'cap', score: expect.closeTo(0.9, 6), category: 'hats', inStock: false },
      { id: 'sock', score: expect.closeTo(0.2, 6), category: 'shoes' },
    ]);
  });

  it('nearest applies the metadata filter inside the index', async () => {
    const index = await catalogue();
    const { candidates } = await nearest(index, [1, 0], {
      topK: 3,
      metric: 'dot-product',
      filter: { category: 'hats', inStock: { $ne: false } },
    });
    expect(candidates.map((c) => c.id)).toEqual(['hat']);
  });

  it('similarTo leaves the item itself out; an unknown item gives undefined', async () => {
    const index = await catalogue();
    const similar = await similarTo(index, 'boot', { topK: 2, metric: 'dot-product' });
    expect(similar?.candidates.map((c) => c.id)).toEqual(['sock', 'cap']);
    expect(await similarTo(index, 'nope', { topK: 2, metric: 'dot-product' })).toBeUndefined();
  });

  /** `index` recording the name of every method called on it in `calls`. */
  const counting = (index: Vectorize, calls: string[]) =>
    new Proxy(index, {
      get(target, name) {
        const value = Reflect.get(target, name);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return value.apply(target, args);
        };
      },
    });

  it('similarTo asks the index once for an item it holds (twice for one it lacks)', async () => {
    const calls: string[] = [];
    const counted = counting(await catalogue(), calls);
    expect((await similarTo(counted, 'hat', { topK: 2, metric: 'dot-product' }))?.candidates[0]?.id).toBe(
      'cap',
    );
    expect(calls).toEqual(['queryById']);
    calls.length = 0;
    expect(await similarTo(counted, 'nope', { topK: 2, metric: 'dot-product' })).toBeUndefined();
    expect(calls).toEqual(['queryById', 'getByIds']);
  });

  it("similarTo through the catalogue's fresh items: a new item's neighbours, and new neighbours", async () => {
    const calls: string[] = [];
    const index = withFreshItems(
      counting(await catalogue(), calls),
      [{ id: 'beanie', values: [0.95, 0.05], metadata: { category: 'hats', inStock: true } }],
      'dot-product',
    );
    const ofNew = await similarTo(index, 'beanie', { topK: 2, metric: 'dot-product' });
    expect(ofNew?.candidates.map((c) => c.id)).toEqual(['hat', 'cap']);
    calls.length = 0;
    const ofOld = await similarTo(index, 'hat', { topK: 2, metric: 'dot-product' });
    expect(ofOld?.candidates.map((c) => c.id)).toEqual(['beanie', 'cap']);
    // A held item: its query and its vector side by side, no query after them.
    expect(calls.sort()).toEqual(['getByIds', 'queryById']);
  });

  it('trending reads the site signals and the items metadata', async () => {
    const index = await catalogue();
    const site = `retrieve-${crypto.randomUUID()}`;
    await recordSignals(env, site, {
      at: Date.now(),
      sessionId: 'session-signals-1',
      events: [
        { type: 'view', items: ['boot', 'hat'] },
        { type: 'cart_add', items: ['boot'] },
        { type: 'view', items: ['gone'] }, // not in the index: left out
      ],
    });
    const signals = siteSignals(env, site);
    await signals.refresh();
    const { candidates, known } = await trending(index, signals, 10, `v-${crypto.randomUUID()}`);
    expect(candidates.map((c) => [c.id, c.category])).toEqual([
      ['boot', 'shoes'],
      ['hat', 'hats'],
    ]);
    expect(known.map((v) => v.id).sort()).toEqual(['boot', 'hat']);
  });
});

describe('assemble', () => {
  it('answers with catalogue metadata (known fields only) and int8 vectors in item order', async () => {
    const index = await catalogue();
    const res = await assemble(
      index,
      [
        { id: 'sock', score: 2 },
        { id: 'boot', score: 1 },
        { id: 'deleted', score: 0.5 },
      ],
      { recId: 'r1', model: 'm1', placement: 'home', variant: 'control' },
      2,
    );
    expect(res).toMatchObject({
      recId: 'r1',
      model: 'm1',
      placement: 'home',
      variant: 'control',
      items: [
        { id: 'sock', score: 2, title: 'Sock', category: 'shoes', price: 3, url: '/sock' },
        { id: 'boot', score: 1, title: 'Boot', category: 'shoes', price: 50, image: 'b.png' },
      ],
    });
    expect(res.items[0]).not.toHaveProperty('extra');
    const [sock, boot] = unpackVectors(res.vectors!);
    expect(Array.from(sock!).map((x) => Number(x.toFixed(2)))).toEqual([0.2, 0.8]);
    expect(Array.from(boot!)).toEqual([0, 1]);
  });

  it('an empty answer has no vectors', async () => {
    const index = await catalogue();
    const res = await assemble(index, [], { recId: 'r', model: 'm', placement: 'p' }, 2);
    expect(res).toEqual({ recId: 'r', model: 'm', placement: 'p', items: [] });
  });
});
