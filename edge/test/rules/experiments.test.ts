import { describe, expect, it } from 'vitest';
import { experimentsFor, parseSitesConfig, placementFor, SITES } from '../../src/config/sites.ts';
import { toLoggedEvents } from '../../src/event-log/logged-events.ts';
import { assignVariant } from '../../src/experiments/assign.ts';
import { experimentReport } from '../../src/experiments/stats.ts';
import { sessionVariants } from '../../src/serving/live.ts';

const variants = [
  { name: 'control', weight: 1 },
  { name: 'treatment', weight: 1 },
];

describe('experiment assignment', () => {
  it('is deterministic per (experiment, session)', () => {
    const a = assignVariant('exp', 'session-123', variants);
    for (let i = 0; i < 5; i++) expect(assignVariant('exp', 'session-123', variants)).toBe(a);
  });

  it('splits sessions close to the weights, independently per experiment', () => {
    const count = (exp: string, vs = variants) => {
      const n: Record<string, number> = {};
      for (let i = 0; i < 10_000; i++) {
        const v = assignVariant(exp, `session-${i}`, vs);
        n[v] = (n[v] ?? 0) + 1;
      }
      return n;
    };
    const even = count('exp');
    expect(even.control! / 10_000).toBeGreaterThan(0.47);
    expect(even.control! / 10_000).toBeLessThan(0.53);
    const skewed = count('exp', [
      { name: 'control', weight: 9 },
      { name: 'treatment', weight: 1 },
    ]);
    expect(skewed.treatment! / 10_000).toBeGreaterThan(0.08);
    expect(skewed.treatment! / 10_000).toBeLessThan(0.12);
    // A different experiment name reshuffles sessions.
    let same = 0;
    for (let i = 0; i < 1000; i++) {
      if (assignVariant('one', `s${i}`, variants) === assignVariant('two', `s${i}`, variants)) same++;
    }
    expect(same).toBeGreaterThan(400);
    expect(same).toBeLessThan(600);
  });

  it('a variant overrides the placement strategy and rules', () => {
    const config = parseSitesConfig({
      default: {
        placements: { home: { strategy: 'session', k: 4, maxK: 8 } },
        rules: {
          excludeBought: true,
          excludeInCart: true,
          skipOutOfStock: true,
          maxPerCategory: 3,
          boost: [],
          bury: [],
          pin: [],
        },
        experiments: {
          homeTest: {
            placement: 'home',
            variants: [
              { name: 'control', weight: 1 },
              { name: 'trend', weight: 1, strategy: 'trending', rules: { maxPerCategory: 1 } },
            ],
          },
        },
      },
      sites: {},
    });
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = placementFor(config, 'shop', 'home', `session-${i}`)!;
      seen.add(p.experiment!.variant);
      if (p.experiment!.variant === 'trend')
        expect(p).toMatchObject({ strategy: 'trending', rules: { maxPerCategory: 1 } });
      else expect(p).toMatchObject({ strategy: 'session', rules: { maxPerCategory: 3 } });
    }
    expect(seen).toEqual(new Set(['control', 'trend']));
    expect(placementFor(config, 'shop', 'home')?.experiment).toBeUndefined();
  });
});

describe('experiment report', () => {
  it('computes CTR per variant in configured order; no impressions gives null', () => {
    expect(
      experimentReport(
        'e',
        ['control', 'treatment', 'idle'],
        [
          { variant: 'treatment', impressions: 4, clicks: 1 },
          { variant: 'control', impressions: 10, clicks: 5 },
        ],
      ),
    ).toEqual({
      experiment: 'e',
      variants: [
        { variant: 'control', impressions: 10, clicks: 5, ctr: 0.5 },
        { variant: 'treatment', impressions: 4, clicks: 1, ctr: 0.25 },
        { variant: 'idle', impressions: 0, clicks: 0, ctr: null },
      ],
    });
  });
});

describe('variants on logged events', () => {
  it('every log line of a session carries its experiment arms', () => {
    const sessionId = 'session-variants-1';
    const variants = sessionVariants('demo', sessionId);
    const experiment = experimentsFor(SITES, 'demo')['home-diversity']!;
    expect(variants).toEqual({
      'home-diversity': assignVariant('home-diversity', sessionId, experiment.variants),
    });
    const batch = { sessionId, consent: { analytics: true, personalization: false } };
    const events = [
      { id: 'event-0001', type: 'view' as const, ts: 1_780_000_000_000, itemId: 'a' },
      { id: 'event-0002', type: 'impression' as const, ts: 1_780_000_000_001 },
    ];
    const lines = toLoggedEvents('demo', batch, events, 1_780_000_000_500, variants);
    expect(lines.map((l) => l.variants)).toEqual([variants, variants]);
    expect(toLoggedEvents('demo', batch, events, 1)[0]).not.toHaveProperty('variants');
  });
});
