/**
 * A report as `GET /v1/admin/report` answers it (contracts/report.ts), with round numbers the tests
 * can look for: 24 hours of traffic, two placements, the demo's experiment with two variants.
 */
import type { PlacementHour, Report, TrafficHour } from '../../contracts/report.ts';

export const FIXTURE_TO = Date.UTC(2026, 11, 1, 14);
export const FIXTURE_FROM = FIXTURE_TO - 24 * 3_600_000;
const hours = Array.from({ length: 24 }, (_, i) => FIXTURE_FROM + i * 3_600_000);

const trafficHour = (hour: number, i: number): TrafficHour => ({
  hour,
  eventsAccepted: i < 20 ? 0 : 1_000 + 100 * i,
  eventsRejected: i === 22 ? { invalid_body: 3 } : {},
  recommendationRequests: i < 20 ? 0 : 200 + 10 * i,
  pushSubscribers: i < 20 ? 0 : 2,
  latency:
    i < 20 ? { count: 0, p50: null, p95: null, p99: null } : { count: 200, p50: 6.2, p95: 14, p99: 21 + i },
});

const emptyHour = (hour: number): PlacementHour => ({
  hour,
  impressions: 0,
  clicks: 0,
  ctr: { value: null, low: null, high: null },
  addToCarts: 0,
  orders: 0,
  attributedRevenue: [],
});

/** The fixture report. */
export function fixtureReport(): Report {
  return {
    site: 'demo',
    from: FIXTURE_FROM,
    to: FIXTURE_TO,
    bucketMs: 3_600_000,
    generatedAt: FIXTURE_TO - 60_000,
    attribution:
      'An order line counts for a placement when the same session clicked that item on it (rec_click with the answer’s recId) before the order.',
    placements: [
      {
        placement: 'home',
        impressions: 4_000,
        clicks: 200,
        ctr: { value: 0.05, low: 0.0437, high: 0.0571 },
        addToCarts: 60,
        orders: 25,
        attributedRevenue: [{ currency: 'EUR', amount: 1234.5 }],
        hourly: hours.map(emptyHour),
      },
      {
        placement: 'product',
        impressions: 1_000,
        clicks: 30,
        ctr: { value: 0.03, low: 0.0211, high: 0.0425 },
        addToCarts: 9,
        orders: 4,
        attributedRevenue: [{ currency: 'EUR', amount: 88 }],
        hourly: hours.map(emptyHour),
      },
    ],
    experiments: [
      {
        experiment: 'home-diversity',
        placement: 'home',
        method: 'mSPRT normal mixture (asymptotic confidence sequence), alpha 0.05',
        variants: [
          {
            variant: 'control',
            control: true,
            visitors: 400,
            impressions: 2_000,
            clicks: 80,
            ctr: { value: 0.04, low: 0.0323, high: 0.0495 },
            conversion: { value: 0.025, low: 0.0135, high: 0.0455 },
            revenuePerVisitor: [{ currency: 'EUR', value: 1.2, low: 0.6, high: 1.8 }],
          },
          {
            variant: 'diverse',
            control: false,
            visitors: 410,
            impressions: 2_000,
            clicks: 120,
            ctr: { value: 0.06, low: 0.0504, high: 0.0713 },
            conversion: { value: 0.039, low: 0.0242, high: 0.0625 },
            revenuePerVisitor: [{ currency: 'EUR', value: 1.9, low: 1.1, high: 2.7 }],
            vsControl: {
              ctr: { value: 0.02, low: 0.004, high: 0.036, verdict: 'better' },
              conversion: { value: 0.014, low: -0.02, high: 0.048, verdict: 'inconclusive' },
              revenuePerVisitor: [
                { currency: 'EUR', value: 0.7, low: -0.5, high: 1.9, verdict: 'inconclusive' },
              ],
            },
          },
        ],
      },
    ],
    traffic: {
      eventsAccepted: 9_000,
      eventsRejected: { invalid_body: 3 },
      recommendationRequests: 1_660,
      pushSubscribers: 8,
      latency: { count: 800, p50: 6.2, p95: 14, p99: 43 },
      hourly: hours.map(trafficHour),
      maxLossMs: 10_000,
    },
    catalogueCoverage: { recommended: 600, catalogue: 3_000, value: 0.2 },
    alerts: [
      {
        kind: 'latency_p99',
        value: 43,
        threshold: 40,
        at: FIXTURE_TO - 120_000,
        message: 'Recommendation latency p99 is 43 ms, above the 40 ms threshold.',
      },
    ],
  };
}
