import { describe, expect, it } from 'vitest';
import { freshIndex, ids } from './helpers.ts';

const vectors = [
  { id: 'a', values: [1, 0, 0] },
  { id: 'b', values: [0.9, 0.1, 0] },
  { id: 'c', values: [0, 1, 0] },
  { id: 'd', values: [-1, 0, 0] },
  { id: 'e', values: [3, 0, 0] },
];

describe('distance metrics', () => {
  it('cosine: similarity in [-1, 1], most similar first, length ignored', async () => {
    const index = await freshIndex(3, 'cosine');
    await index.upsert(vectors);
    const { matches } = await index.query([2, 0, 0], { topK: 5 });
    expect(
      matches
        .map((m) => m.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['a', 'e']);
    expect(matches[0]!.score).toBeCloseTo(1, 6);
    expect(matches[2]).toMatchObject({ id: 'b' });
    expect(matches[2]!.score).toBeCloseTo(0.9 / Math.sqrt(0.82), 5);
    expect(matches[3]).toMatchObject({ id: 'c', score: 0 });
    expect(matches[4]!.id).toBe('d');
    expect(matches[4]!.score).toBeCloseTo(-1, 6);
  });

  it('euclidean: L2 distance, nearest (smallest) first', async () => {
    const index = await freshIndex(3, 'euclidean');
    await index.upsert(vectors);
    const { matches } = await index.query([1, 0, 0], { topK: 5 });
    expect(ids({ matches, count: 5 })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(matches[0]!.score).toBe(0);
    expect(matches[2]!.score).toBeCloseTo(Math.SQRT2, 6);
    expect(matches[3]!.score).toBeCloseTo(2, 6);
    expect(matches[4]!.score).toBeCloseTo(2, 6);
  });

  it('dot-product: negative dot product, smallest (most negative) first', async () => {
    const index = await freshIndex(3, 'dot-product');
    await index.upsert(vectors);
    const { matches } = await index.query([1, 0, 0], { topK: 5 });
    expect(ids({ matches, count: 5 })).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(matches.map((m) => m.score)).toEqual([-3, -1, expect.closeTo(-0.9, 6), -0, 1]);
  });

  it('stores values as float32', async () => {
    const index = await freshIndex(3, 'cosine');
    await index.upsert([{ id: 'x', values: [0.1, 1 / 3, 1e-8] }]);
    const [x] = await index.getByIds(['x']);
    expect(x!.values).toEqual([Math.fround(0.1), Math.fround(1 / 3), Math.fround(1e-8)]);
    const { matches } = await index.query([1, 1, 1], { topK: 1, returnValues: true });
    expect(matches[0]!.values).toEqual(x!.values);
  });

  it('accepts Float32Array and Float64Array queries and values', async () => {
    const index = await freshIndex(2, 'euclidean');
    await index.upsert([
      { id: 'f32', values: new Float32Array([1, 2]) },
      { id: 'f64', values: new Float64Array([5, 5]) },
    ]);
    expect(ids(await index.query(new Float64Array([1, 2]), { topK: 2 }))).toEqual(['f32', 'f64']);
    expect(ids(await index.query(new Float32Array([5, 5]), { topK: 1 }))).toEqual(['f64']);
  });

  it("scores every dimension, whatever the dimension count (the SIMD kernel's 8- and 4-lane steps and its tail)", async () => {
    // A seeded walk of values; 1, 3 (tail only), 9, 13 (8 + 4 + 1) and 64 dims cover every path.
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 2 - 1;
    };
    for (const dims of [1, 3, 9, 13, 64]) {
      const rows = Array.from({ length: 6 }, (_, i) => ({
        id: `v${i}`,
        values: Array.from({ length: dims }, () => Math.fround(next())),
      }));
      const q = Array.from({ length: dims }, () => Math.fround(next()));
      const dot = (a: number[]) => a.reduce((s, x, j) => s + x * q[j]!, 0);
      const norm = (a: number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
      const expected = {
        'dot-product': (a: number[]) => -dot(a),
        euclidean: (a: number[]) => Math.sqrt(a.reduce((s, x, j) => s + (x - q[j]!) ** 2, 0)),
        cosine: (a: number[]) => dot(a) / (norm(a) * Math.sqrt(q.reduce((s, x) => s + x * x, 0))),
      } as const;
      for (const metric of ['dot-product', 'euclidean', 'cosine'] as const) {
        const index = await freshIndex(dims, metric);
        await index.upsert(rows);
        const { matches } = await index.query(q, { topK: rows.length });
        for (const m of matches) {
          const row = rows.find((r) => r.id === m.id)!;
          expect(m.score, `${metric} ${dims}d ${m.id}`).toBeCloseTo(expected[metric](row.values), 5);
        }
      }
    }
  });
});
