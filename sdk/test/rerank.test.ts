import { describe, expect, it } from 'vitest';
import { packVectors, unpackVectors } from '../../contracts/packed-vectors.ts';
import { DEFAULT_RERANK_WEIGHTS, rerank } from '../src/recommend/rerank.ts';

// Two clusters in 8 dimensions: "a" items point along axis 0, "b" items along axis 1.
const vec = (axis: number, jitter: number) =>
  Array.from({ length: 8 }, (_, j) => (j === axis ? 1 : 0) + ((j * 7 + jitter) % 5) * 0.03);
const candidates = Array.from({ length: 10 }, (_, i) => ({
  id: `${i % 2 ? 'b' : 'a'}${i}`,
  category: i % 2 ? 'books' : 'audio',
  score: 1 - i * 0.05, // the edge ranked them in id order
  title: `item ${i}`,
}));
const vectors = unpackVectors(
  packVectors(
    candidates.map((c, i) => vec(c.id[0] === 'a' ? 0 : 1, i)),
    8,
  ),
);

describe('rerank', () => {
  it('keeps the edge order when the session has done nothing', () => {
    expect(rerank(candidates, vectors, []).map((c) => c.id)).toEqual(candidates.map((c) => c.id));
  });

  it('moves candidates similar to the items just viewed to the top', () => {
    const out = rerank(candidates, vectors, [{ id: 'b3' }, { id: 'b7' }]);
    expect(out.slice(0, 3).every((c) => c.id.startsWith('b'))).toBe(true);
    expect(out[0].title).toMatch(/^item /); // extra fields carried through
  });

  it('uses vectors of items outside the candidates through the lookup', () => {
    const lookup = (id: string) => (id === 'elsewhere' ? vec(1, 0) : undefined);
    const out = rerank(candidates, vectors, [{ id: 'elsewhere' }], lookup);
    expect(out.slice(0, 4).map((c) => c.id[0])).toEqual(['b', 'b', 'b', 'b']);
  });

  it('leans toward a category browsed without any item', () => {
    const out = rerank(candidates, vectors, [{ category: 'books' }]);
    expect(out[0].category).toBe('books');
  });

  it('with a just-seen penalty, pushes down the item the visitor is looking at right now', () => {
    const out = rerank(candidates, vectors, [{ id: 'a0' }], undefined, {
      ...DEFAULT_RERANK_WEIGHTS,
      seen: 2,
    });
    expect(out.findIndex((c) => c.id === 'a0')).toBeGreaterThan(0);
    expect(out[0].id.startsWith('a')).toBe(true);
  });

  it('by default keeps the item just seen among its neighbours (repeats are likely next clicks)', () => {
    const out = rerank(candidates, vectors, [{ id: 'a0' }]);
    expect(out.slice(0, 3).map((c) => c.id)).toContain('a0');
  });

  it('works without vectors (category and recency only) and never mutates its input', () => {
    const before = JSON.stringify(candidates);
    const out = rerank(candidates, undefined, [{ id: 'a0', category: 'books' }]);
    expect(out[0].category).toBe('books');
    expect(JSON.stringify(candidates)).toBe(before);
  });

  it('keeps a pinned item where the edge put it, however the session points elsewhere', () => {
    // The edge pinned a0 first and a4 fifth; the visitor only looks at books.
    const pinned = candidates.map((c) =>
      c.id === 'a0' || c.id === 'a4' ? { ...c, pinned: true as const } : c,
    );
    const out = rerank(pinned, vectors, [
      { id: 'b3', category: 'books' },
      { id: 'b7', category: 'books' },
    ]);
    expect(out[0].id).toBe('a0');
    expect(out[4].id).toBe('a4');
    expect(out.slice(1, 4).every((c) => c.id.startsWith('b'))).toBe(true); // the others still move
    expect(out.map((c) => c.id).sort()).toEqual(candidates.map((c) => c.id).sort());
  });
});
