import { describe, expect, it } from 'vitest';
import { VectorStore } from '../../src/vectorize/store.ts';

// A seeded walk of values in [-1, 1).
function values(seed: number, n: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return (s / 2147483647) * 2 - 1;
  });
}

describe('VectorStore (rows in WebAssembly memory)', () => {
  it('keeps every row when it grows far past its first capacity, and ranks like a reference scan', () => {
    const dims = 13;
    const store = new VectorStore(dims, 'euclidean', 2);
    const rows = Array.from({ length: 3000 }, (_, i) => values(i + 1, dims).map(Math.fround));
    rows.forEach((row, i) => {
      store.put({ id: `v${i}`, namespace: undefined, indexed: {} }, row);
    });
    expect(store.size).toBe(3000);
    for (const i of [0, 1, 1023, 1024, 2999]) expect(store.valuesOf(store.slotOf(`v${i}`)!)).toEqual(rows[i]);

    const q = values(99, dims);
    const distance = (r: number[]) => Math.sqrt(r.reduce((s, x, j) => s + (x - q[j]!) ** 2, 0));
    const expected = rows
      .map((r, i) => ({ i, d: distance(r) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 10);
    const hits = store.search(Float32Array.from(q), 10);
    expect(hits.map((h) => store.entry(h.slot).id)).toEqual(expected.map((e) => `v${e.i}`));
    hits.forEach((h, n) => {
      expect(h.score).toBeCloseTo(expected[n]!.d, 5);
    });
  });

  it('moves the last row into a removed one', () => {
    const store = new VectorStore(4, 'dot-product');
    for (const [i, id] of ['a', 'b', 'c'].entries())
      store.put({ id, namespace: undefined, indexed: {} }, [i, 0, 0, 1]);
    expect(store.remove('a')).toBe(true);
    expect(store.valuesOf(store.slotOf('c')!)).toEqual([2, 0, 0, 1]);
    const hits = store.search(new Float32Array([1, 0, 0, 0]), 5);
    expect(hits.map((h) => [store.entry(h.slot).id, h.score])).toEqual([
      ['c', -2],
      ['b', -1],
    ]);
  });
});
