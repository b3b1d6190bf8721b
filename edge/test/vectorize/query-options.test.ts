import { describe, expect, it } from 'vitest';
import { VectorizeStandInError } from '../../src/vectorize/errors.ts';
import { freshIndex, ids } from './helpers.ts';

const longTitle = `${'é'.repeat(40)}tail`; // 84 bytes in UTF-8

async function catalogue(n = 150) {
  const index = await freshIndex(2, 'euclidean', [
    { propertyName: 'cat', indexType: 'string' },
    { propertyName: 'title', indexType: 'string' },
  ]);
  const vectors = Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    values: [i, 0],
    namespace: i % 2 ? 'odd' : 'even',
    metadata: { cat: i % 2 ? 'shoes' : 'hats', title: i === 0 ? longTitle : `item ${i}`, price: i },
  }));
  for (let i = 0; i < n; i += 100) await index.upsert(vectors.slice(i, i + 100));
  return index;
}

describe('query options', () => {
  it('defaults: topK 5, no values, no metadata', async () => {
    const index = await catalogue();
    const res = await index.query([0, 0]);
    expect(res.count).toBe(5);
    expect(res.matches[0]).toEqual({ id: 'v0', score: 0, namespace: 'even' });
  });

  it('topK up to 100 without values or full metadata; 101 is refused', async () => {
    const index = await catalogue();
    expect((await index.query([0, 0], { topK: 100 })).count).toBe(100);
    expect((await index.query([0, 0], { topK: 100, returnMetadata: 'indexed' })).count).toBe(100);
    await expect(index.query([0, 0], { topK: 101 })).rejects.toThrow(
      'VECTOR_QUERY_ERROR (code = 40025): max top K is 100, but got 101',
    );
  });

  it('topK up to 20 with returnValues or returnMetadata all/true', async () => {
    const index = await catalogue();
    expect((await index.query([0, 0], { topK: 20, returnValues: true })).count).toBe(20);
    for (const options of [
      { returnValues: true },
      { returnMetadata: 'all' as const },
      { returnMetadata: true },
    ]) {
      await expect(index.query([0, 0], { topK: 21, ...options })).rejects.toThrow(
        'max top K is 20, but got 21',
      );
    }
    await expect(index.query([0, 0], { topK: 0 })).rejects.toThrow('max top K is 100, but got 0');
    await expect(index.query([0, 0], { topK: 2.5 })).rejects.toThrow('but got 2.5');
  });

  it('returnMetadata none / indexed (indexed fields, strings cut to 64 bytes) / all (everything) / booleans', async () => {
    const index = await catalogue();
    const q = (returnMetadata: VectorizeQueryOptions['returnMetadata']) =>
      index.query([0, 0], { topK: 1, returnMetadata }).then((r) => r.matches[0]!.metadata);
    expect(await q('none')).toBeUndefined();
    expect(await q(false)).toBeUndefined();
    expect(await q('indexed')).toEqual({ cat: 'hats', title: 'é'.repeat(32) });
    expect(await q('all')).toEqual({ cat: 'hats', title: longTitle, price: 0 });
    expect(await q(true)).toEqual({ cat: 'hats', title: longTitle, price: 0 });
    await expect(q('some' as 'all')).rejects.toThrow('Invalid returnMetadata option');
  });

  it('returnValues returns the stored values', async () => {
    const index = await catalogue();
    const res = await index.query([3, 0], { topK: 2, returnValues: true });
    expect(res.matches.map((m) => m.values)).toEqual([[3, 0], expect.any(Array)]);
  });

  it('namespace restricts the search space; without one, all namespaces are searched', async () => {
    const index = await catalogue();
    expect(ids(await index.query([0, 0], { topK: 3, namespace: 'odd' }))).toEqual(['v1', 'v3', 'v5']);
    expect(ids(await index.query([0, 0], { topK: 3 }))).toEqual(['v0', 'v1', 'v2']);
    expect((await index.query([0, 0], { namespace: 'none-such' })).count).toBe(0);
  });

  it('queryById searches with a stored vector (itself included) and the same options', async () => {
    const index = await catalogue();
    expect(ids(await index.queryById('v10', { topK: 3, namespace: 'odd' }))).toEqual(['v9', 'v11', 'v7']);
    expect(ids(await index.queryById('v10', { topK: 1 }))).toEqual(['v10']);
    await expect(index.queryById('nope')).rejects.toThrow('VECTOR_QUERY_ERROR: no vector with id nope');
  });

  it("an unknown id fails on the caller's side only: the object answers it (workerd logs what it throws)", async () => {
    const index = await catalogue(3);
    expect(await index.stub.queryById('nope')).toEqual({
      standInError: { operation: 'VECTOR_QUERY', message: 'no vector with id nope' },
    });
    await expect(index.queryById('nope')).rejects.toThrow(VectorizeStandInError);
  });
});
