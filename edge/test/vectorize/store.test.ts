import { describe, expect, it } from 'vitest';
import type { IndexedValues } from '../../src/vectorize/filter.ts';
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

  it('answers dot-product and cosine queries exactly as a full scan would, ties and filters included', () => {
    // Small integers: every float32 sum is exact, so the reference below is exact too, and many
    // scores tie (the lower slot must win, as in a full scan).
    const dims = 19;
    const ints = (seed: number) => values(seed, dims).map((x) => Math.round(x * 3));
    for (const metric of ['dot-product', 'cosine'] as const) {
      const store = new VectorStore(dims, metric, 4);
      const rows = Array.from({ length: 4000 }, (_, i) =>
        i % 101 === 0 ? new Array(dims).fill(0) : ints(i + 7),
      );
      rows.forEach((row, i) => {
        store.put({ id: `v${i}`, namespace: i % 3 === 0 ? 'n' : undefined, indexed: { c: i % 5 } }, row);
      });
      const norm = (r: number[]) => Math.sqrt(r.reduce((s, x) => s + x * x, 0));
      for (const [seed, k, namespace, skip] of [
        [1, 1, undefined, undefined],
        [2, 10, 'n', undefined],
        [3, 100, undefined, 2],
        [4, 100, 'n', 4],
      ] as const) {
        const q = ints(10_000 + seed);
        const invQ = 1 / norm(q);
        const expected = rows
          .map((r, i) => {
            const dot = r.reduce((s, x, j) => s + x * q[j]!, 0);
            const invR = norm(r) === 0 ? 0 : Math.fround(1 / norm(r));
            return { i, score: metric === 'cosine' ? Math.fround(dot * invQ * invR) : -dot };
          })
          .filter(({ i }) => (namespace === undefined || i % 3 === 0) && i % 5 !== skip)
          .sort((a, b) => (metric === 'cosine' ? b.score - a.score : a.score - b.score) || a.i - b.i)
          .slice(0, k);
        const filter = skip === undefined ? undefined : (v: IndexedValues) => v.c !== skip;
        const hits = store.search(Float32Array.from(q), k, namespace, filter);
        expect(hits.map((h) => [store.entry(h.slot).id, h.score])).toEqual(
          expected.map((e) => [`v${e.i}`, e.score]),
        );
      }
    }
  });

  it('finds the best rows wherever a filter leaves them: past the first rows, or few and far between', () => {
    // Enough rows that a query scores a prefix first, then keeps only the rows within reach.
    const dims = 16;
    const ints = (seed: number) => values(seed, dims).map((x) => Math.round(x * 3));
    const store = new VectorStore(dims, 'dot-product', 4);
    const rows = Array.from({ length: 10_000 }, (_, i) => ints(i + 3));
    rows.forEach((row, i) => {
      store.put(
        { id: `v${i}`, namespace: undefined, indexed: { late: i >= 9_000, rare: i % 40 === 0 } },
        row,
      );
    });
    const cases: [string, ((i: number) => boolean) | undefined][] = [
      ['none', undefined],
      ['late', (i) => i >= 9_000],
      ['rare', (i) => i % 40 === 0],
    ];
    for (const [name, keep] of cases) {
      for (const k of [1, 100]) {
        const q = ints(20_000 + k);
        const expected = rows
          .map((r, i) => ({ i, score: -r.reduce((s, x, j) => s + x * q[j]!, 0) }))
          .filter(({ i }) => !keep || keep(i))
          .sort((a, b) => a.score - b.score || a.i - b.i)
          .slice(0, k);
        const filter = keep && ((v: IndexedValues) => v[name] === true);
        const hits = store.search(Float32Array.from(q), k, undefined, filter);
        expect(hits.map((h) => [store.entry(h.slot).id, h.score])).toEqual(
          expected.map((e) => [`v${e.i}`, e.score]),
        );
      }
    }
  });
});
