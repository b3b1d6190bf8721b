/**
 * The report's verdicts on simulated experiments: A/A experiments watched after every batch of
 * visitors must call a difference at most 5 % of the time over the whole run (that is what
 * "always valid" promises), a real lift must be found, and a fixed-horizon z-test peeked at the
 * same way must be shown to fail (the reason for the sequential test).
 */
import { describe, expect, it } from 'vitest';
import { createRandom, gaussian, type Random } from '../random.ts';
import { type MeanMoments, meanAndVariance, type RatioMoments, ratioAndVariance } from './moments.ts';
import { compareArms } from './sequential.ts';
import { wilson } from './wilson.ts';

interface Arm {
  conversion: MeanMoments;
  revenue: MeanMoments;
  ctr: RatioMoments;
}

const emptyArm = (): Arm => ({
  conversion: { n: 0, sum: 0, sumSq: 0 },
  revenue: { n: 0, sum: 0, sumSq: 0 },
  ctr: { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 },
});

/** One visitor: 1-8 impressions, a per-visitor click propensity, an order with `pOrder`, lognormal basket. */
function addVisitor(arm: Arm, rand: Random, pOrder: number, pClick: number): void {
  const impressions = 1 + Math.floor(rand() * 8);
  const propensity = Math.min(1, pClick * 2 * rand()); // heterogeneous: clicks are not independent trials
  let clicks = 0;
  for (let i = 0; i < impressions; i++) if (rand() < propensity) clicks++;
  const ordered = rand() < pOrder ? 1 : 0;
  const revenue = ordered ? Math.exp(3.5 + 0.8 * gaussian(rand)) : 0;
  const add = (m: MeanMoments, x: number) => {
    m.n++;
    m.sum += x;
    m.sumSq += x * x;
  };
  add(arm.conversion, ordered);
  add(arm.revenue, revenue);
  const r = arm.ctr;
  r.n++;
  r.sumX += clicks;
  r.sumY += impressions;
  r.sumXX += clicks * clicks;
  r.sumYY += impressions * impressions;
  r.sumXY += clicks * impressions;
}

const metrics = {
  conversion: (a: Arm) => ({ n: a.conversion.n, ...meanAndVariance(a.conversion) }),
  revenue: (a: Arm) => ({ n: a.revenue.n, ...meanAndVariance(a.revenue) }),
  ctr: (a: Arm) => ({ n: a.ctr.n, ...ratioAndVariance(a.ctr) }),
};
type Metric = keyof typeof metrics;

/** Run `experiments` experiments of `batches` looks, `perBatch` visitors per arm between looks. */
function simulate(opts: {
  experiments: number;
  batches: number;
  perBatch: number;
  control: { pOrder: number; pClick: number };
  variant: { pOrder: number; pClick: number };
  seed: number;
}) {
  const rand = createRandom(opts.seed);
  const called: Record<Metric, number> = { conversion: 0, revenue: 0, ctr: 0 };
  let peekedZ = 0;
  for (let e = 0; e < opts.experiments; e++) {
    const a = emptyArm();
    const b = emptyArm();
    const hit = new Set<Metric>();
    let zHit = false;
    for (let look = 0; look < opts.batches; look++) {
      for (let i = 0; i < opts.perBatch; i++) {
        addVisitor(a, rand, opts.control.pOrder, opts.control.pClick);
        addVisitor(b, rand, opts.variant.pOrder, opts.variant.pClick);
      }
      for (const m of Object.keys(metrics) as Metric[]) {
        if (compareArms(metrics[m](a), metrics[m](b)).verdict !== 'inconclusive') hit.add(m);
      }
      const ca = metrics.conversion(a);
      const cb = metrics.conversion(b);
      const z = (cb.mean - ca.mean) / Math.sqrt(ca.variance + cb.variance || 1);
      if (Math.abs(z) > 1.96) zHit = true;
    }
    for (const m of hit) called[m]++;
    if (zHit) peekedZ++;
  }
  const rate = (k: number) => k / opts.experiments;
  return {
    conversion: rate(called.conversion),
    revenue: rate(called.revenue),
    ctr: rate(called.ctr),
    peekedZ: rate(peekedZ),
  };
}

describe('always-valid verdicts', () => {
  it('A/A: at most 5 % of 1,000 experiments ever leave "inconclusive", peeking after every batch', () => {
    const same = { pOrder: 0.05, pClick: 0.08 };
    const rates = simulate({
      experiments: 1000,
      batches: 40,
      perBatch: 50,
      control: same,
      variant: same,
      seed: 13,
    });
    expect(rates.conversion).toBeLessThanOrEqual(0.05);
    expect(rates.revenue).toBeLessThanOrEqual(0.05);
    expect(rates.ctr).toBeLessThanOrEqual(0.05);
    // The same looks with a fixed-horizon z-test: far above its nominal 5 %.
    expect(rates.peekedZ).toBeGreaterThan(0.1);
  });

  it('finds a real lift: conversion 5 % → 8 % and CTR 8 % → 11 % called "better"', () => {
    const rates = simulate({
      experiments: 200,
      batches: 20,
      perBatch: 250,
      control: { pOrder: 0.05, pClick: 0.08 },
      variant: { pOrder: 0.08, pClick: 0.11 },
      seed: 7,
    });
    expect(rates.conversion).toBeGreaterThan(0.9);
    expect(rates.ctr).toBeGreaterThan(0.9);
    expect(rates.revenue).toBeGreaterThan(0.5);
  });

  it('says nothing before both arms have enough visitors', () => {
    const d = compareArms({ n: 50, mean: 0, variance: 1e-6 }, { n: 50, mean: 1, variance: 1e-6 });
    expect(d.verdict).toBe('inconclusive');
    expect(d.value).toBe(1);
  });
});

describe('Wilson interval', () => {
  it('stays inside [0, 1] and is null without trials', () => {
    expect(wilson(0, 0)).toEqual({ value: null, low: null, high: null });
    const none = wilson(0, 10);
    expect(none.value).toBe(0);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 3);
    const half = wilson(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 3);
    expect(half.high).toBeCloseTo(0.5962, 3);
  });
});
