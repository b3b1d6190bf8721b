import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { VectorIndexDO } from '../../src/objects/vector-index-do.ts';
import { freshIndex, ids } from './helpers.ts';

describe('insert, upsert, delete, get', () => {
  it('insert skips ids that already exist (and later duplicates in the same batch)', async () => {
    const index = await freshIndex(2, 'euclidean');
    await index.insert([{ id: 'a', values: [1, 1], metadata: { v: 1 } }]);
    const res = await index.insert([
      { id: 'a', values: [9, 9], metadata: { v: 2 } },
      { id: 'b', values: [2, 2] },
      { id: 'b', values: [7, 7] },
    ]);
    expect(res.mutationId).toMatch(/^[0-9a-f-]{36}$/);
    const got = await index.getByIds(['a', 'b']);
    expect(got).toEqual([
      { id: 'a', values: [1, 1], metadata: { v: 1 } },
      { id: 'b', values: [2, 2], metadata: {} },
    ]);
  });

  it('upsert replaces the whole vector: values, metadata (not merged) and namespace; last duplicate wins', async () => {
    const index = await freshIndex(2, 'euclidean');
    await index.upsert([{ id: 'a', values: [1, 1], namespace: 'n1', metadata: { keep: 'no', v: 1 } }]);
    await index.upsert([
      { id: 'a', values: [3, 3], metadata: { v: 2 } },
      { id: 'a', values: [4, 4], metadata: { v: 3 } },
    ]);
    expect(await index.getByIds(['a'])).toEqual([{ id: 'a', values: [4, 4], metadata: { v: 3 } }]);
    expect((await index.describe()).vectorCount).toBe(1);
  });

  it('deleteByIds removes vectors from queries, gets and the count; unknown ids are ignored', async () => {
    const index = await freshIndex(2, 'euclidean');
    await index.upsert(['a', 'b', 'c', 'd'].map((id, i) => ({ id, values: [i, 0] })));
    await index.deleteByIds(['b', 'zzz']);
    expect(ids(await index.query([0, 0], { topK: 10 }))).toEqual(['a', 'c', 'd']);
    expect(await index.getByIds(['b'])).toEqual([]);
    expect((await index.describe()).vectorCount).toBe(3);
    // The slot freed by the delete is reused correctly.
    await index.upsert([{ id: 'e', values: [0.5, 0] }]);
    expect(ids(await index.query([0, 0], { topK: 10 }))).toEqual(['a', 'e', 'c', 'd']);
  });

  it('getByIds returns found vectors with values, namespace and metadata; missing ids are left out', async () => {
    const index = await freshIndex(2, 'cosine');
    await index.upsert([
      { id: 'a', values: [1, 0], namespace: 'ns', metadata: { title: 'A', nested: { x: 1 } } },
    ]);
    expect(await index.getByIds(['missing', 'a'])).toEqual([
      { id: 'a', values: [1, 0], namespace: 'ns', metadata: { title: 'A', nested: { x: 1 } } },
    ]);
  });

  it('describe reports dimensions, count and the last mutation', async () => {
    const index = await freshIndex(4, 'dot-product');
    const { mutationId } = await index.upsert([{ id: 'a', values: [1, 2, 3, 4] }]);
    const info = await index.describe();
    expect(info).toMatchObject({ dimensions: 4, metric: 'dot-product', vectorCount: 1 });
    expect(info.processedUpToMutation).toBe(mutationId);
  });

  it('persists in SQLite: a fresh in-memory copy loads the same vectors', async () => {
    const index = await freshIndex(3, 'cosine', [{ propertyName: 'cat', indexType: 'string' }]);
    await index.upsert([
      { id: 'a', values: [1, 0, 0], metadata: { cat: 'x', title: 'A' } },
      { id: 'b', values: [0, 1, 0], namespace: 'n', metadata: { cat: 'y' } },
    ]);
    await index.deleteByIds(['a']);
    await index.upsert([{ id: 'c', values: [0, 0, 1], metadata: { cat: 'x' } }]);
    const before = await index.query([0, 1, 1], { topK: 5, returnValues: true, returnMetadata: 'indexed' });
    // Drop the in-memory store as an eviction would; the next query reloads from SQLite.
    await runInDurableObject(index.stub, (instance: VectorIndexDO) => {
      (instance as unknown as { store: unknown }).store = undefined;
    });
    const after = await index.query([0, 1, 1], { topK: 5, returnValues: true, returnMetadata: 'indexed' });
    expect(after).toEqual(before);
    expect(ids(after)).toEqual(['b', 'c']);
    expect(await index.query([0, 1, 1], { topK: 5, filter: { cat: 'x' } })).toMatchObject({ count: 1 });
  });

  it('bulkUpsert loads a binary chunk with namespaces and metadata', async () => {
    const index = await freshIndex(2, 'euclidean', [{ propertyName: 'cat', indexType: 'string' }]);
    const n = 3000;
    const values = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) values.set([i, 0], i * 2);
    const chunk = {
      ids: Array.from({ length: n }, (_, i) => `i${i}`),
      values,
      namespaces: Array.from({ length: n }, (_, i) => (i % 2 ? 'odd' : null)),
      metadata: Array.from({ length: n }, (_, i) => ({ cat: i % 3 === 0 ? 'three' : 'other' })),
    };
    expect(await index.bulkUpsert(chunk)).toEqual({ count: n });
    expect((await index.describe()).vectorCount).toBe(n);
    expect(ids(await index.query([10, 0], { topK: 3, namespace: 'odd' }))).toEqual(['i9', 'i11', 'i7']);
    expect(ids(await index.query([10, 0], { topK: 2, filter: { cat: 'three' } }))).toEqual(['i9', 'i12']);
  });
});
