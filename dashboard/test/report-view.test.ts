import { describe, expect, it } from 'vitest';
import {
  experimentMetrics,
  formatRevenue,
  funnelStages,
  latencySeries,
  verdictText,
  volumeSeries,
} from '../src/report-view.ts';
import { rankedMetrics } from '../src/sections/model.ts';
import { fixtureReport } from './fixture-report.ts';

const report = fixtureReport();

describe('what the page draws from a report', () => {
  it('traffic per hour, latency only for hours with answers', () => {
    const [events, requests] = volumeSeries(report.traffic.hourly);
    expect(events!.points).toHaveLength(24);
    expect(events!.points.at(-1)).toEqual({ t: report.to - 3_600_000, v: 3_300 });
    expect(requests!.label).toBe('Recommendation requests');
    const [p50, , p99] = latencySeries(report.traffic.hourly);
    expect(p50!.points[0]!.v).toBeNull();
    expect(p99!.points.at(-1)!.v).toBe(44);
  });

  it('the funnel of a placement, and revenue in every currency it came in', () => {
    expect(funnelStages(report.placements[0]!).map((s) => s.value)).toEqual([4_000, 200, 60, 25]);
    expect(
      formatRevenue([
        { currency: 'EUR', amount: 1234.5 },
        { currency: 'USD', amount: 3 },
      ]),
    ).toBe('€1,234.50 + $3.00');
    expect(formatRevenue([])).toBe('0');
  });

  it('per experiment: CTR, conversion and revenue per visitor, each with the verdict against the control', () => {
    const metrics = experimentMetrics(report.experiments[0]!);
    expect(metrics.map((m) => m.name)).toEqual([
      'Click-through rate',
      'Conversion (visitors with an order)',
      'Revenue per visitor (EUR)',
    ]);
    expect(metrics[0]!.rows).toEqual([
      { label: 'control', value: 0.04, low: 0.0323, high: 0.0495 },
      { label: 'diverse', value: 0.06, low: 0.0504, high: 0.0713 },
    ]);
    expect(metrics[0]!.differences.map((d) => verdictText(d.variant, 'control', d.diff))).toEqual([
      'diverse beats control',
    ]);
    expect(verdictText('diverse', 'control', metrics[2]!.differences[0]!.diff)).toBe(
      'No difference shown yet between diverse and control',
    );
  });

  it('leaves out a variant without an estimate yet (no impressions)', () => {
    const e = structuredClone(report.experiments[0]!);
    e.variants[1]!.ctr = { value: null, low: null, high: null };
    expect(experimentMetrics(e)[0]!.rows.map((r) => r.label)).toEqual(['control']);
  });

  it('the model’s offline scores at k = 20 first', () => {
    const m = {
      metrics: { a: { k: 10, hr: 0.5, mrr: 0.2, n: 5 }, valid: { k: 20, hr: 0.7, mrr: 0.38, n: 9 } },
    };
    expect(rankedMetrics(m as never).map((e) => e.name)).toEqual(['valid', 'a']);
  });
});
