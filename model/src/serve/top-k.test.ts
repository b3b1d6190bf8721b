import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { topK, topKDense } from './top-k.ts';

describe('top-k selection', () => {
  it('equals a full sort (ties by lower index) on random data', () => {
    const rand = createRandom(3);
    for (const [n, k] of [
      [50, 5],
      [1000, 20],
      [1000, 100],
      [10, 20],
    ]) {
      const values = Float32Array.from({ length: n }, () => Math.floor(rand() * 30));
      const expected = [...values.keys()].sort((a, b) => values[b] - values[a] || a - b).slice(0, k);
      expect(topKDense(values, k)).toEqual(expected);
    }
  });

  it('fills sparse scores from the fallback without repeats', () => {
    const scores = new Map([
      [4, 1],
      [2, 3],
    ]);
    expect(topK(scores, 4, [2, 9, 4, 7])).toEqual([2, 4, 9, 7]);
  });
});
