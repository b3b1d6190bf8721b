import { describe, expect, it } from 'vitest';
import { packVectors, unpackVectors } from '../../../contracts/packed-vectors.ts';

describe('int8 packed vectors', () => {
  it('round-trips within half a quantization step per value', () => {
    const vectors = [
      [0.5, -1, 0.25, 0],
      [10, 20, -30, 5],
      [0, 0, 0, 0],
    ];
    const packed = packVectors(vectors, 4);
    expect(packed.dim).toBe(4);
    expect(packed.scale).toEqual([1 / 127, 30 / 127, 0]);
    expect(atob(packed.data)).toHaveLength(12); // one byte per value
    const back = unpackVectors(packed);
    vectors.forEach((v, i) => {
      for (const [j, x] of v.entries()) {
        expect(Math.abs(back[i]![j]! - x)).toBeLessThanOrEqual(packed.scale[i]! / 2 + 1e-7);
      }
    });
    expect(Array.from(back[2]!)).toEqual([0, 0, 0, 0]);
  });

  it('keeps the largest magnitude exact (it maps to ±127)', () => {
    const [v] = unpackVectors(packVectors([[3, -6, 1.5]], 3));
    expect(v![1]).toBeCloseTo(-6, 6);
  });

  it('rejects inconsistent input', () => {
    expect(() => packVectors([[1, 2]], 3)).toThrow('vector 0 has 2 values, expected 3');
    // Three values for two rows of two: no rows (the SDK re-ranks such an answer without vectors).
    expect(unpackVectors({ dim: 2, scale: [1, 1], data: btoa('\x01\x02\x03') })).toEqual([]);
  });
});
