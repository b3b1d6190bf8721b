import { describe, expect, it } from 'vitest';
import { parseSitesConfig, placementFor, placementNames, SITES } from '../../src/config/sites.ts';

const base = {
  default: {
    placements: { home: { strategy: 'session', k: 8, maxK: 24 } },
    rules: {
      excludeBought: true,
      excludeInCart: true,
      skipOutOfStock: true,
      maxPerCategory: 3,
      boost: [],
      bury: [],
      pin: [],
    },
  },
  sites: {
    shop: {
      rules: { maxPerCategory: 2, excludeInCart: false },
      placements: { pdp: { strategy: 'similar', k: 4, maxK: 10, rules: { maxPerCategory: 1 } } },
    },
  },
};

describe('site configuration', () => {
  it('the shipped sites.json is valid and has the demo placements', () => {
    expect(placementNames(SITES, 'demo')).toEqual(
      expect.arrayContaining(['home', 'product', 'cart', 'trending']),
    );
    expect(placementFor(SITES, 'demo', 'product')?.strategy).toBe('similar');
  });

  it('merges default rules, site overrides and placement overrides, in that order', () => {
    const config = parseSitesConfig(base);
    expect(placementFor(config, 'shop', 'home')?.rules).toMatchObject({
      maxPerCategory: 2,
      excludeInCart: false,
    });
    expect(placementFor(config, 'shop', 'pdp')).toMatchObject({
      strategy: 'similar',
      k: 4,
      maxK: 10,
      rules: { maxPerCategory: 1, excludeInCart: false, excludeBought: true },
    });
    expect(placementFor(config, 'other', 'home')?.rules.maxPerCategory).toBe(3);
    expect(placementFor(config, 'other', 'pdp')).toBeUndefined();
    expect(placementNames(config, 'shop')).toEqual(['home', 'pdp']);
  });

  it('rejects a bad configuration naming the path', () => {
    const bad = structuredClone(base) as Record<string, unknown> & typeof base;
    (bad.default.placements.home as { k: number }).k = 30;
    expect(() => parseSitesConfig(bad)).toThrow('k must be <= maxK');
    const unknown = structuredClone(base);
    (unknown.default.placements.home as { strategy: string }).strategy = 'random';
    expect(() => parseSitesConfig(unknown)).toThrow('default.placements.home.strategy');
    const tooBig = structuredClone(base);
    (tooBig.default.placements.home as { maxK: number }).maxK = 500;
    expect(() => parseSitesConfig(tooBig)).toThrow('default.placements.home.maxK');
  });
});
