import { describe, expect, it } from 'vitest';
import { addWeight, countAt, EMPTY_KEY } from '../../src/signals/decay.ts';
import { TopN } from '../../src/signals/top-n.ts';

const H = 3600_000;

describe('decayed counts', () => {
  it('halve every half-life and add up', () => {
    const d = { halfLifeMs: H };
    let key = addWeight(EMPTY_KEY, 4, 0, d);
    expect(countAt(key, 0, d)).toBeCloseTo(4, 9);
    expect(countAt(key, H, d)).toBeCloseTo(2, 9);
    key = addWeight(key, 1, 2 * H, d);
    expect(countAt(key, 2 * H, d)).toBeCloseTo(2, 9);
    expect(countAt(EMPTY_KEY, 5, d)).toBe(0);
  });

  it('rank an old burst below a smaller recent one once it has decayed', () => {
    const d = { halfLifeMs: H };
    const old = addWeight(EMPTY_KEY, 8, 0, d);
    const recent = addWeight(EMPTY_KEY, 3, 3 * H, d);
    expect(recent).toBeGreaterThan(old); // 8 / 2^3 = 1 < 3
  });
});

describe('TopN', () => {
  it('keeps the N highest keys, updating items in place', () => {
    const top = new TopN(3);
    for (const [id, key] of [
      ['a', 1],
      ['b', 5],
      ['c', 3],
      ['d', 2],
      ['a', 6],
      ['e', 0],
    ] as const)
      top.offer(id, key);
    expect(top.top(3)).toEqual([
      { id: 'a', key: 6 },
      { id: 'b', key: 5 },
      { id: 'c', key: 3 },
    ]);
    expect(top.top(1)).toEqual([{ id: 'a', key: 6 }]);
  });
});
