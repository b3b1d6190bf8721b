import { describe, expect, it } from 'vitest';
import { freshIndex, ids } from './helpers.ts';

// Seven items on a line; the query point is 0 so results come back in id order.
const items: { id: string; metadata: Record<string, VectorizeVectorMetadata> }[] = [
  { id: 'p0', metadata: { cat: 'hats', price: 10, inStock: true, brand: { name: 'acme' } } },
  { id: 'p1', metadata: { cat: 'shoes', price: 20, inStock: false, brand: { name: 'bolt' } } },
  { id: 'p2', metadata: { cat: 'shirts', price: 30, inStock: true } },
  { id: 'p3', metadata: { cat: 'shoes', price: 40, inStock: true, brand: { name: 'acme' } } },
  { id: 'p4', metadata: { cat: 'netbooks', price: '50', inStock: 'yes' } }, // wrong types: not indexed
  { id: 'p5', metadata: { cat: 'network', price: 60 } },
  { id: 'p6', metadata: { unindexed: 'x' } },
];

async function shop() {
  const index = await freshIndex(1, 'euclidean', [
    { propertyName: 'cat', indexType: 'string' },
    { propertyName: 'price', indexType: 'number' },
    { propertyName: 'inStock', indexType: 'boolean' },
    { propertyName: 'brand.name', indexType: 'string' },
  ]);
  await index.upsert(items.map((item, i) => ({ ...item, values: [i] })));
  return (filter: VectorizeVectorMetadataFilter) => index.query([0], { topK: 100, filter }).then(ids);
}

describe('metadata filters', () => {
  it('implicit and explicit $eq, type-strict', async () => {
    const q = await shop();
    expect(await q({ cat: 'shoes' })).toEqual(['p1', 'p3']);
    expect(await q({ cat: { $eq: 'shoes' } })).toEqual(['p1', 'p3']);
    expect(await q({ price: 20 })).toEqual(['p1']);
    expect(await q({ price: '50' })).toEqual([]); // "50" was not indexed under a number index
    expect(await q({ inStock: true })).toEqual(['p0', 'p2', 'p3']);
  });

  it('$ne also matches vectors without the property', async () => {
    const q = await shop();
    expect(await q({ cat: { $ne: 'shoes' } })).toEqual(['p0', 'p2', 'p4', 'p5', 'p6']);
    expect(await q({ inStock: { $ne: true } })).toEqual(['p1', 'p4', 'p5', 'p6']);
  });

  it('$in and $nin', async () => {
    const q = await shop();
    expect(await q({ cat: { $in: ['hats', 'shirts'] } })).toEqual(['p0', 'p2']);
    expect(await q({ cat: { $nin: ['hats', 'shirts'] } })).toEqual(['p1', 'p3', 'p4', 'p5', 'p6']);
    expect(await q({ price: { $in: [10, 40, 99] } })).toEqual(['p0', 'p3']);
    expect(await q({ cat: { $in: [] } })).toEqual([]);
  });

  it('$lt $lte $gt $gte on numbers', async () => {
    const q = await shop();
    expect(await q({ price: { $lt: 30 } })).toEqual(['p0', 'p1']);
    expect(await q({ price: { $lte: 30 } })).toEqual(['p0', 'p1', 'p2']);
    expect(await q({ price: { $gt: 30 } })).toEqual(['p3', 'p5']);
    expect(await q({ price: { $gte: 30 } })).toEqual(['p2', 'p3', 'p5']);
    expect(await q({ price: { $gte: 20, $lt: 60 } })).toEqual(['p1', 'p2', 'p3']);
  });

  it('ranges on strings are lexicographic (prefix search)', async () => {
    const q = await shop();
    expect(await q({ cat: { $gte: 'net', $lt: 'neu' } })).toEqual(['p4', 'p5']);
    expect(await q({ cat: { $gt: 'shirts' } })).toEqual(['p1', 'p3']);
    expect(await q({ price: { $gt: '0' } })).toEqual([]); // numbers never match a string bound
  });

  it('null: $eq null matches a missing property, $ne null a present one', async () => {
    const q = await shop();
    expect(await q({ price: null })).toEqual(['p4', 'p6']);
    expect(await q({ price: { $ne: null } })).toEqual(['p0', 'p1', 'p2', 'p3', 'p5']);
  });

  it('several keys are ANDed; dotted keys look into nested objects', async () => {
    const q = await shop();
    expect(await q({ cat: 'shoes', inStock: true })).toEqual(['p3']);
    expect(await q({ 'brand.name': 'acme' })).toEqual(['p0', 'p3']);
    expect(await q({ 'brand.name': 'acme', price: { $gt: 10 } })).toEqual(['p3']);
  });

  it('only indexed properties are filterable: others hold no values', async () => {
    const q = await shop();
    expect(await q({ unindexed: 'x' })).toEqual([]);
    expect(await q({ unindexed: { $ne: 'x' } })).toHaveLength(items.length);
  });

  it('the filter is applied before topK', async () => {
    const index = await freshIndex(1, 'euclidean', [{ propertyName: 'cat', indexType: 'string' }]);
    await index.upsert(items.map((item, i) => ({ ...item, values: [i] })));
    expect(ids(await index.query([0], { topK: 2, filter: { cat: { $in: ['network', 'shirts'] } } }))).toEqual(
      ['p2', 'p5'],
    );
  });

  it('vectors written before a metadata index exists are not in it until re-upserted', async () => {
    const index = await freshIndex(1, 'euclidean');
    await index.upsert([{ id: 'old', values: [0], metadata: { cat: 'hats' } }]);
    await index.createMetadataIndex({ propertyName: 'cat', indexType: 'string' });
    await index.upsert([{ id: 'new', values: [1], metadata: { cat: 'hats' } }]);
    expect(ids(await index.query([0], { filter: { cat: 'hats' } }))).toEqual(['new']);
    await index.upsert([{ id: 'old', values: [0], metadata: { cat: 'hats' } }]);
    expect(ids(await index.query([0], { filter: { cat: 'hats' } }))).toEqual(['old', 'new']);
  });

  it('indexed strings and filter strings compare on the first 64 bytes', async () => {
    const index = await freshIndex(1, 'euclidean', [{ propertyName: 'title', indexType: 'string' }]);
    const base = 'x'.repeat(64);
    await index.upsert([{ id: 'long', values: [0], metadata: { title: `${base}-one` } }]);
    expect(ids(await index.query([0], { filter: { title: `${base}-two` } }))).toEqual(['long']);
  });

  it('rejects malformed filters with a message naming the problem', async () => {
    const q = await shop();
    const bad: [unknown, string][] = [
      [{}, 'non-empty object'],
      [{ $cat: 'x' }, 'must not start with $'],
      [{ '': 'x' }, 'keys must not be empty'],
      [{ 'a"b': 'x' }, 'must not contain "'],
      [{ cat: { $regex: 'x' } }, 'unknown operator $regex'],
      [{ cat: { $eq: 'a', $ne: 'b' } }, 'only one upper'],
      [{ price: { $lt: 1, $lte: 2 } }, 'only one upper'],
      [{ price: { $lt: 1, $in: [2] } }, 'only one upper'],
      [{ cat: ['a'] }, 'operator object'],
      [{ cat: { $in: 'a' } }, 'must be an array'],
      [{ price: { $gt: true } }, 'must be a string or a number'],
      [{ cat: { $in: 'x'.repeat(2048).split('') } }, 'less than 2048'],
      [{ k: 'x'.repeat(2100) }, 'must be less than 2048'],
      [{ ['k'.repeat(513)]: 1 }, 'longer than 512'],
    ];
    for (const [filter, message] of bad) {
      await expect(
        q(filter as VectorizeVectorMetadataFilter),
        JSON.stringify(filter).slice(0, 60),
      ).rejects.toThrow(message);
    }
  });
});
