import { describe, expect, it } from 'vitest';
import { parseRecommendationParams } from '../../src/serving/params.ts';

const base = { key: 'demo', session: 'session-0001', placement: 'home' };

describe('recommendation parameters', () => {
  it('accepts the minimal and the full set', () => {
    expect(parseRecommendationParams(base)).toEqual({ ok: true, params: base });
    expect(
      parseRecommendationParams({
        ...base,
        k: '12',
        item: 'sku-1',
        exclude: 'a,b,,c',
        category: 'shoes',
        x: 'ignored',
      }),
    ).toEqual({
      ok: true,
      params: { ...base, k: 12, item: 'sku-1', exclude: ['a', 'b', 'c'], category: 'shoes' },
    });
  });

  it.each([
    [{ key: undefined }, 'key', 'key is required'],
    [{ session: undefined }, 'session', 'session is required'],
    [{ session: 'short' }, 'session', 'session must be 8-64 characters'],
    [{ session: 'bad session id!' }, 'session', 'session may contain only A-Z a-z 0-9 _ -'],
    [{ placement: '' }, 'placement', 'placement must be a placement name'],
    [{ k: 'ten' }, 'k', 'k must be a whole number'],
    [{ k: '-1' }, 'k', 'k must be a whole number'],
    [{ item: 'has space' }, 'item', 'item must be printable ASCII without spaces'],
    [{ exclude: 'ok,not ok' }, 'exclude', 'exclude must be comma-separated item ids'],
    [
      { exclude: Array.from({ length: 51 }, (_, i) => `i${i}`).join(',') },
      'exclude',
      'exclude may list at most 50 ids',
    ],
    [{ category: 'x'.repeat(65) }, 'category', 'category must be at most 64 characters'],
  ])('rejects %j naming the parameter', (change, path, message) => {
    const query = { ...base, ...change } as Record<string, string>;
    for (const k of Object.keys(query)) if (query[k] === undefined) delete query[k];
    expect(parseRecommendationParams(query)).toEqual({ ok: false, path, message });
  });
});
