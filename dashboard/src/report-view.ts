/**
 * From the report (contracts/report.ts) to what the page draws: series, funnel stages, the
 * estimates of each variant. Pure, so what the owner sees is unit-tested without a browser.
 */
import type {
  Difference,
  ExperimentReport,
  Interval,
  Money,
  PlacementFunnel,
  TrafficHour,
  VariantReport,
} from '../../contracts/report.ts';
import { formatMoney } from './format.ts';
import type { FunnelStage } from './plots/funnel.ts';
import type { IntervalRow } from './plots/interval-bars.ts';
import type { TimeSeries } from './plots/time-series.ts';

/** Events accepted and recommendation requests per hour. */
export function volumeSeries(hours: TrafficHour[]): TimeSeries[] {
  return [
    { label: 'Events accepted', points: hours.map((h) => ({ t: h.hour, v: h.eventsAccepted })) },
    {
      label: 'Recommendation requests',
      points: hours.map((h) => ({ t: h.hour, v: h.recommendationRequests })),
    },
  ];
}

/** Latency p50 / p95 / p99 per hour; an hour without answers has no point. */
export function latencySeries(hours: TrafficHour[]): TimeSeries[] {
  return (['p50', 'p95', 'p99'] as const).map((q) => ({
    label: q,
    points: hours.map((h) => ({ t: h.hour, v: h.latency.count > 0 ? h.latency[q] : null })),
  }));
}

/** Refused batches in all, over every error code. */
export const rejectedTotal = (byCode: Record<string, number>): number =>
  Object.values(byCode).reduce((s, n) => s + n, 0);

/** The four stages of a placement's funnel. */
export function funnelStages(f: PlacementFunnel): FunnelStage[] {
  return [
    { label: 'Impressions', value: f.impressions },
    { label: 'Clicks', value: f.clicks },
    { label: 'Add to carts', value: f.addToCarts },
    { label: 'Orders', value: f.orders },
  ];
}

/** Sums of money in several currencies as one string ("€12.00 + US$3.50"); none is a plain 0. */
export function formatRevenue(sums: Money[], locale = 'en'): string {
  const shown = sums.filter((m) => m.amount !== 0);
  if (shown.length === 0) return '0';
  return shown.map((m) => formatMoney(m.amount, m.currency || undefined, locale)).join(' + ');
}

/** The metrics an experiment is judged on, each with how its numbers are written. */
export interface MetricView {
  /** Heading, e.g. "Click-through rate" or "Revenue per visitor (EUR)". */
  name: string;
  /** One bar per variant, in configured order; variants without an estimate are left out. */
  rows: IntervalRow[];
  /** Variant − control with the sequential test's verdict, per non-control variant. */
  differences: { variant: string; diff: Difference }[];
  kind: 'share' | 'money';
  currency?: string;
}

const row = (label: string, i: Interval): IntervalRow | undefined =>
  i.value === null ? undefined : { label, value: i.value, low: i.low ?? i.value, high: i.high ?? i.value };

/** CTR, conversion and revenue per visitor (one view per currency) of an experiment. */
export function experimentMetrics(e: ExperimentReport): MetricView[] {
  const views: MetricView[] = [];
  const share = (name: string, pick: (v: VariantReport) => Interval, diff: 'ctr' | 'conversion') =>
    views.push({
      name,
      kind: 'share',
      rows: e.variants.flatMap((v) => row(v.variant, pick(v)) ?? []),
      differences: e.variants.flatMap((v) =>
        v.vsControl ? [{ variant: v.variant, diff: v.vsControl[diff] }] : [],
      ),
    });
  share('Click-through rate', (v) => v.ctr, 'ctr');
  share('Conversion (visitors with an order)', (v) => v.conversion, 'conversion');
  const currencies = [
    ...new Set(e.variants.flatMap((v) => v.revenuePerVisitor.map((r) => r.currency))),
  ].sort();
  for (const currency of currencies) {
    views.push({
      name: `Revenue per visitor${currency ? ` (${currency})` : ''}`,
      kind: 'money',
      currency,
      rows: e.variants.flatMap((v) => {
        const r = v.revenuePerVisitor.find((m) => m.currency === currency);
        return r ? (row(v.variant, r) ?? []) : [];
      }),
      differences: e.variants.flatMap((v) => {
        const d = v.vsControl?.revenuePerVisitor.find((m) => m.currency === currency);
        return d ? [{ variant: v.variant, diff: d }] : [];
      }),
    });
  }
  return views;
}

/** A verdict in words a shop owner reads at a glance. */
export function verdictText(variant: string, control: string, d: Difference): string {
  if (d.verdict === 'better') return `${variant} beats ${control}`;
  if (d.verdict === 'worse') return `${variant} is worse than ${control}`;
  return `No difference shown yet between ${variant} and ${control}`;
}
