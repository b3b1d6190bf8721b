import { describe, expect, it } from 'vitest';
import { cachedItems, cacheItems, MAX_ITEMS, TTL_MS } from '../../src/serving/item-cache.ts';

const v = (id: string) => ({ id, values: [1, 2], metadata: { title: id } });

describe('item cache', () => {
  it('returns cached items of the same model version only, in the order asked', () => {
    cacheItems('m1', [v('a'), v('b')], 1000);
    expect(cachedItems('m1', ['b', 'x', 'a'], 1000).map((x) => x.id)).toEqual(['b', 'a']);
    expect(cachedItems('m2', ['a'], 1000)).toEqual([]);
  });

  it('forgets entries older than the TTL', () => {
    cacheItems('m3', [v('a')], 0);
    expect(cachedItems('m3', ['a'], TTL_MS)).toHaveLength(1);
    expect(cachedItems('m3', ['a'], TTL_MS + 1)).toHaveLength(0);
  });

  it('drops the previous version after a swap and stays bounded', () => {
    cacheItems('old', [v('a')], 0);
    cacheItems('new', [v('b')], 0);
    expect(cachedItems('old', ['a'], 0)).toEqual([]);
    cacheItems(
      'big',
      Array.from({ length: MAX_ITEMS + 5 }, (_, i) => v(`i${i}`)),
      0,
    );
    expect(cachedItems('big', ['i0', 'i4', 'i5', `i${MAX_ITEMS + 4}`], 0).map((x) => x.id)).toEqual([
      'i5',
      `i${MAX_ITEMS + 4}`,
    ]);
  });
});
