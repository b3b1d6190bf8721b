import { describe, expect, it } from 'vitest';
import type { RetrainRecord } from '../../contracts/retrain.ts';
import {
  experimentMetrics,
  formatRevenue,
  funnelStages,
  latencySeries,
  verdictText,
  volumeSeries,
} from '../src/report-view.ts';
import { rankedMetrics, retrainRows, retrainVerdict } from '../src/sections/model.ts';
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
  it('what the last retrain decided, with both models’ scores', () => {
    const scores = (hr: number) => ({ k: 20, hr, mrr: 0.3812, coverage: 0.914, n: 1234 });
    const r: RetrainRecord = {
      at: '2026-12-01T03:15:00.000Z',
      decision: 'promote',
      publishMode: 'auto',
      published: 'm-2',
      candidate: { version: 'm-2c', scores: scores(0.7123) },
      active: { version: 'm-1', scores: scores(0.7) },
      margin: 0.02,
      reasons: [],
      range: { from: '2026-11-24T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      seconds: 100,
    };
    expect(retrainVerdict(r)).toBe('Promoted: m-2 went live');
    expect(retrainRows(r)).toEqual([
      ['Candidate (m-2c)', '0.712', '0.381', '91.4 %', '1,234'],
      ['Active (m-1)', '0.700', '0.381', '91.4 %', '1,234'],
    ]);
    const kept = { ...r, decision: 'keep' as const, published: undefined };
    expect(retrainVerdict(kept)).toBe(
      'Kept the active model: the candidate scored worse than the 2 % margin allows',
    );
    expect(retrainVerdict({ ...r, publishMode: 'never', published: undefined })).toBe(
      'Passed the gate, not published (--publish never)',
    );
    expect(retrainVerdict({ ...kept, publishMode: 'force', published: 'm-3' })).toBe(
      'Published despite the gate (forced): m-3 went live',
    );
  });
});
