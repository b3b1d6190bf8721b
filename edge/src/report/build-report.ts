/** The report from its rows (pure): series, attribution, intervals and verdicts. */
import {
  type CatalogueCoverage,
  type ExperimentReport,
  type Money,
  type MoneyDifference,
  type MoneyInterval,
  type PlacementFunnel,
  type PlacementHour,
  type PlacementReport,
  REPORT_BUCKET_MS,
  type Report,
  type TrafficCounts,
  type TrafficReport,
  type VariantReport,
} from '../../../contracts/report.ts';
import { meanAndVariance, ratioAndVariance } from '../../../model/src/stats/moments.ts';
import { compareArms, SEQUENTIAL_METHOD } from '../../../model/src/stats/sequential.ts';
import { wilson, Z95 } from '../../../model/src/stats/wilson.ts';
import { attributeCartAdds, attributeOrders } from './attribution.ts';
import { hourOf } from './facts.ts';
import { histogramQuantile } from './latency-histogram.ts';
import type { ArmRevenueRow, ArmRow, ReportRows } from './report-rows.ts';
import { FLUSH_MS } from './traffic-counters.ts';

/** The attribution rule as the report states it. */
export const ATTRIBUTION_RULE =
  'An order line counts for a placement when the same session clicked that item there (rec_click with the answer’s recId) before the order; revenue = price × quantity in the order’s currency; an order counts once per placement.';

/** Hour starts of [from, to). */
function hoursOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let h = from; h < to; h += REPORT_BUCKET_MS) out.push(h);
  return out;
}

interface FunnelSums {
  impressions: number;
  clicks: number;
  addToCarts: number;
  orders: number;
  revenue: Map<string, number>;
}

const emptySums = (): FunnelSums => ({
  impressions: 0,
  clicks: 0,
  addToCarts: 0,
  orders: 0,
  revenue: new Map(),
});

const money = (micros: ReadonlyMap<string, number>): Money[] =>
  [...micros]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, m]) => ({ currency, amount: m / 1e6 }));

const funnel = (s: FunnelSums): PlacementFunnel => ({
  impressions: s.impressions,
  clicks: s.clicks,
  ctr: wilson(s.clicks, s.impressions),
  addToCarts: s.addToCarts,
  orders: s.orders,
  attributedRevenue: money(s.revenue),
});

/** Per-placement funnels with their hourly series. */
function placements(rows: ReportRows, hours: number[]): PlacementReport[] {
  const byPlacement = new Map<string, Map<number, FunnelSums>>();
  const sums = (placement: string, hour: number) => {
    const series = byPlacement.get(placement) ?? new Map<number, FunnelSums>();
    byPlacement.set(placement, series);
    const s = series.get(hour) ?? emptySums();
    series.set(hour, s);
    return s;
  };
  for (const r of rows.placementHours) {
    const s = sums(r.placement, r.hour);
    s.impressions += r.impressions;
    s.clicks += r.clicks;
  }
  for (const a of attributeCartAdds(rows.clicks, rows.cartAdds)) sums(a.placement, hourOf(a.ts)).addToCarts++;
  for (const o of attributeOrders(rows.clicks, rows.orderLines)) {
    const s = sums(o.placement, hourOf(o.ts));
    s.orders++;
    s.revenue.set(o.currency, (s.revenue.get(o.currency) ?? 0) + o.revenueMicros);
  }
  return [...byPlacement.keys()].sort().map((placement) => {
    const series = byPlacement.get(placement)!;
    const total = emptySums();
    const hourly: PlacementHour[] = hours.map((hour) => {
      const s = series.get(hour) ?? emptySums();
      total.impressions += s.impressions;
      total.clicks += s.clicks;
      total.addToCarts += s.addToCarts;
      total.orders += s.orders;
      for (const [c, m] of s.revenue) total.revenue.set(c, (total.revenue.get(c) ?? 0) + m);
      return { hour, ...funnel(s) };
    });
    return { placement, ...funnel(total), hourly };
  });
}

/** Normal 95 % interval of a mean per visitor (money). */
function meanInterval(n: number, sum: number, sumSq: number) {
  if (n <= 0) return { value: null, low: null, high: null };
  const { mean, variance } = meanAndVariance({ n, sum, sumSq });
  const half = Z95 * Math.sqrt(variance);
  return { value: mean, low: mean - half, high: mean + half };
}

/** One experiment's arms in configured order, each compared with the first (the control). */
function experiment(e: ReportRows['experiments'][number]): ExperimentReport {
  const order = e.config.variants.map((v) => v.name);
  const arm = (name: string): ArmRow =>
    e.arms.find((a) => a.variant === name) ?? {
      variant: name,
      n: 0,
      impressions: 0,
      clicks: 0,
      impressionsSq: 0,
      clicksSq: 0,
      clicksImpressions: 0,
      converted: 0,
    };
  const currencies = [...new Set(e.revenue.map((r) => r.currency))].sort();
  const revenue = (name: string, currency: string): ArmRevenueRow =>
    e.revenue.find((r) => r.variant === name && r.currency === currency) ?? {
      variant: name,
      currency,
      sum: 0,
      sumSq: 0,
    };
  const ctrOf = (a: ArmRow) => ({
    n: a.n,
    ...ratioAndVariance({
      n: a.n,
      sumX: a.clicks,
      sumY: a.impressions,
      sumXX: a.clicksSq,
      sumYY: a.impressionsSq,
      sumXY: a.clicksImpressions,
    }),
  });
  // Conversion is 0/1 per visitor: Σx = Σx² = converted.
  const conversionOf = (a: ArmRow) => ({
    n: a.n,
    ...meanAndVariance({ n: a.n, sum: a.converted, sumSq: a.converted }),
  });
  const revenueOf = (a: ArmRow, currency: string) => {
    const r = revenue(a.variant, currency);
    return { n: a.n, ...meanAndVariance({ n: a.n, sum: r.sum, sumSq: r.sumSq }) };
  };
  const control = arm(order[0]!);
  const variants: VariantReport[] = order.map((name, i) => {
    const a = arm(name);
    const revenuePerVisitor: MoneyInterval[] = currencies.map((currency) => {
      const r = revenue(name, currency);
      return { currency, ...meanInterval(a.n, r.sum, r.sumSq) };
    });
    const report: VariantReport = {
      variant: name,
      control: i === 0,
      visitors: a.n,
      impressions: a.impressions,
      clicks: a.clicks,
      ctr: wilson(a.clicks, a.impressions),
      conversion: wilson(a.converted, a.n),
      revenuePerVisitor,
    };
    if (i === 0) return report;
    const money: MoneyDifference[] = currencies.map((currency) => ({
      currency,
      ...compareArms(revenueOf(control, currency), revenueOf(a, currency)),
    }));
    return {
      ...report,
      vsControl: {
        ctr: compareArms(ctrOf(control), ctrOf(a)),
        conversion: compareArms(conversionOf(control), conversionOf(a)),
        revenuePerVisitor: money,
      },
    };
  });
  return { experiment: e.name, placement: e.config.placement, method: SEQUENTIAL_METHOD, variants };
}

/** Sum counter rows into traffic counts (latency quantiles from the merged histogram). */
function trafficCounts(rows: readonly { metric: string; n: number }[]): TrafficCounts {
  const counts: TrafficCounts = {
    eventsAccepted: 0,
    eventsRejected: {},
    recommendationRequests: 0,
    pushSubscribers: 0,
    latency: { count: 0, p50: null, p95: null, p99: null },
  };
  const histogram = new Map<number, number>();
  const rejected = new Map<string, number>();
  for (const { metric, n } of rows) {
    if (metric === 'events_accepted') counts.eventsAccepted += n;
    else if (metric === 'recommendations') counts.recommendationRequests += n;
    else if (metric === 'push_subscriptions') counts.pushSubscribers += n;
    else if (metric.startsWith('events_rejected:')) {
      const code = metric.slice('events_rejected:'.length);
      rejected.set(code, (rejected.get(code) ?? 0) + n);
    } else if (metric.startsWith('latency:')) {
      const b = Number(metric.slice('latency:'.length));
      histogram.set(b, (histogram.get(b) ?? 0) + n);
    }
  }
  counts.eventsRejected = Object.fromEntries([...rejected].sort(([a], [b]) => (a < b ? -1 : 1)));
  let count = 0;
  for (const n of histogram.values()) count += n;
  counts.latency = {
    count,
    p50: histogramQuantile(histogram, 0.5),
    p95: histogramQuantile(histogram, 0.95),
    p99: histogramQuantile(histogram, 0.99),
  };
  return counts;
}

function traffic(rows: ReportRows['traffic'], hours: number[]): TrafficReport {
  const byHour = new Map<number, { metric: string; n: number }[]>();
  for (const r of rows) byHour.set(r.hour, [...(byHour.get(r.hour) ?? []), r]);
  return {
    ...trafficCounts(rows),
    hourly: hours.map((hour) => ({ hour, ...trafficCounts(byHour.get(hour) ?? []) })),
    maxLossMs: FLUSH_MS,
  };
}

function coverage({ recommended, catalogue }: ReportRows['coverage']): CatalogueCoverage {
  return { recommended, catalogue, value: catalogue > 0 ? recommended / catalogue : null };
}

/** The report of `site` over hours [from, to) from its rows. */
export function buildReport(
  site: string,
  from: number,
  to: number,
  rows: ReportRows,
  now: number,
  alerts: Report['alerts'] = [],
): Report {
  const hours = hoursOf(from, to);
  return {
    site,
    from,
    to,
    bucketMs: REPORT_BUCKET_MS,
    generatedAt: now,
    attribution: ATTRIBUTION_RULE,
    placements: placements(rows, hours),
    experiments: rows.experiments.map(experiment),
    traffic: traffic(rows.traffic, hours),
    catalogueCoverage: coverage(rows.coverage),
    alerts,
  };
}
