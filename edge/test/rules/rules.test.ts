import { describe, expect, it } from 'vitest';
import { adjustScores } from '../../src/rules/adjust.ts';
import { applyRules } from '../../src/rules/apply.ts';
import { diversify } from '../../src/rules/diversify.ts';
import { indexFilter, isEligible } from '../../src/rules/eligible.ts';
import { applyPins } from '../../src/rules/pin.ts';
import type { Candidate, RuleContext, Rules } from '../../src/rules/types.ts';

const rules = (over: Partial<Rules> = {}): Rules => ({
  excludeBought: true,
  excludeInCart: true,
  skipOutOfStock: true,
  maxPerCategory: 0,
  boost: [],
  bury: [],
  pin: [],
  ...over,
});
const ctx = (over: Partial<RuleContext> = {}, r: Partial<Rules> = {}): RuleContext => ({
  rules: rules(r),
  session: { bought: new Set(['bought']), inCart: new Set(['carted']) },
  exclude: new Set(),
  ...over,
});
const c = (id: string, score: number, category = 'x', inStock?: boolean): Candidate => ({
  id,
  score,
  category,
  inStock,
});
const ids = (list: Candidate[]) => list.map((x) => x.id);

describe('hard rules', () => {
  it('never recommends what the session bought or has in the cart, unless configured to', () => {
    expect(isEligible(c('bought', 1), ctx())).toBe(false);
    expect(isEligible(c('carted', 1), ctx())).toBe(false);
    expect(isEligible(c('other', 1), ctx())).toBe(true);
    expect(isEligible(c('bought', 1), ctx({}, { excludeBought: false }))).toBe(true);
    expect(isEligible(c('carted', 1), ctx({}, { excludeInCart: false }))).toBe(true);
  });

  it('skips items marked out of stock (unknown stock counts as in stock), unless configured not to', () => {
    expect(isEligible(c('a', 1, 'x', false), ctx())).toBe(false);
    expect(isEligible(c('a', 1, 'x', true), ctx())).toBe(true);
    expect(isEligible(c('a', 1, 'x', undefined), ctx())).toBe(true);
    expect(isEligible(c('a', 1, 'x', false), ctx({}, { skipOutOfStock: false }))).toBe(true);
  });

  it('honours exclude= and category=', () => {
    expect(isEligible(c('a', 1), ctx({ exclude: new Set(['a']) }))).toBe(false);
    expect(isEligible(c('a', 1, 'shoes'), ctx({ category: 'hats' }))).toBe(false);
    expect(isEligible(c('a', 1, 'hats'), ctx({ category: 'hats' }))).toBe(true);
  });

  it('pushes the category and stock rules into the Vectorize metadata filter', () => {
    expect(indexFilter(ctx({ category: 'hats' }))).toEqual({ category: 'hats', inStock: { $ne: false } });
    expect(indexFilter(ctx({}, { skipOutOfStock: false }))).toBeUndefined();
    expect(indexFilter(ctx({ category: 'hats' }, { skipOutOfStock: false }))).toEqual({ category: 'hats' });
  });
});

describe('boost and bury', () => {
  const list = [c('a', 9, 'hats'), c('b', 8, 'shoes'), c('c', 7, 'hats'), c('d', 6, 'bags')];

  it('adds boosts and subtracts burials by id or category, then re-sorts', () => {
    expect(ids(adjustScores(list, { boost: [{ ids: ['d'], by: 5 }], bury: [] }))).toEqual([
      'd',
      'a',
      'b',
      'c',
    ]);
    expect(ids(adjustScores(list, { boost: [], bury: [{ categories: ['hats'], by: 2.5 }] }))).toEqual([
      'b',
      'a',
      'd',
      'c',
    ]);
    // Ties after adjustment keep the retrieval order.
    const both = adjustScores(list, {
      boost: [{ categories: ['bags'], by: 1 }],
      bury: [{ ids: ['a'], by: 2 }],
    });
    expect(both.map((x) => [x.id, x.score])).toEqual([
      ['b', 8],
      ['a', 7],
      ['c', 7],
      ['d', 7],
    ]);
  });

  it('keeps the original order for ties and leaves the input untouched', () => {
    const tied = [c('a', 1), c('b', 1), c('c', 1)];
    expect(ids(adjustScores(tied, { boost: [{ ids: ['zzz'], by: 1 }], bury: [] }))).toEqual(['a', 'b', 'c']);
    adjustScores(list, { boost: [{ ids: ['d'], by: 1 }], bury: [] });
    expect(list[3]!.score).toBe(6);
  });
});

describe('diversity', () => {
  it('keeps at most N items per category, in order, and fills k from what remains', () => {
    const list = [
      c('a', 5, 'hats'),
      c('b', 4, 'hats'),
      c('c', 3, 'hats'),
      c('d', 2, 'shoes'),
      c('e', 1, 'hats'),
    ];
    expect(ids(diversify(list, 3, 2))).toEqual(['a', 'b', 'd']);
    // Two categories cannot fill 5 at one each: the answer stays full, the skipped follow in order.
    expect(ids(diversify(list, 5, 1))).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(ids(diversify(list, 2, 1))).toEqual(['a', 'd']);
    expect(ids(diversify(list, 2, 0))).toEqual(['a', 'b']);
  });

  it('does not limit items without a category', () => {
    const list = [{ id: 'a', score: 1 }, { id: 'b', score: 1 }, c('c', 1, 'x'), c('d', 1, 'x')];
    expect(ids(diversify(list, 3, 1))).toEqual(['a', 'b', 'c']);
    expect(ids(diversify(list, 4, 1))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('pins', () => {
  const ranked = [c('a', 4), c('b', 3), c('c', 2), c('d', 1)];

  it('places pinned items at their positions and keeps k', () => {
    const out = applyPins(ranked, [{ id: 'p', position: 1 }], [c('p', 0)], 3);
    expect(ids(out)).toEqual(['a', 'p', 'b']);
  });

  it('moves a pinned item that was ranked anyway; a position past the end puts it last', () => {
    expect(ids(applyPins(ranked, [{ id: 'd', position: 0 }], [c('d', 1)], 3))).toEqual(['d', 'a', 'b']);
    expect(ids(applyPins(ranked.slice(0, 1), [{ id: 'p', position: 9 }], [c('p', 0)], 5))).toEqual([
      'a',
      'p',
    ]);
  });

  it('skips pins whose item is not available', () => {
    expect(ids(applyPins(ranked, [{ id: 'gone', position: 0 }], [], 2))).toEqual(['a', 'b']);
  });
});

describe('applyRules', () => {
  it('runs hard rules, boost/bury, diversity and pins in that order', () => {
    const candidates = [
      c('bought', 9, 'hats'),
      c('a', 8, 'hats'),
      c('b', 7, 'hats'),
      c('oos', 6, 'shoes', false),
      c('c', 5, 'shoes'),
      c('d', 4, 'bags'),
    ];
    const context = ctx(
      {},
      {
        maxPerCategory: 1,
        boost: [{ categories: ['bags'], by: 10 }],
        pin: [
          { id: 'promo', position: 0 },
          { id: 'carted', position: 1 },
        ],
      },
    );
    const out = applyRules(candidates, context, 4, [c('promo', 0, 'hats'), c('carted', 0, 'hats')]);
    // bought/oos dropped; d boosted first; one per category (a, c); promo pinned first; carted is in the cart.
    expect(ids(out)).toEqual(['promo', 'd', 'a', 'c']);
  });

  it('does not apply the diversity limit to an answer for one category (category=)', () => {
    const candidates = [c('a', 4, 'hats'), c('b', 3, 'hats'), c('s', 2, 'shoes'), c('d', 1, 'hats')];
    expect(ids(applyRules(candidates, ctx({}, { maxPerCategory: 1 }), 2))).toEqual(['a', 's']);
    expect(ids(applyRules(candidates, ctx({}, { maxPerCategory: 1 }), 3))).toEqual(['a', 's', 'b']);
    expect(ids(applyRules(candidates, ctx({ category: 'hats' }, { maxPerCategory: 1 }), 3))).toEqual([
      'a',
      'b',
      'd',
    ]);
  });
});
