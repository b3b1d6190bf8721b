/** What the report reads from D1 for one site and range of hours: one batch of SELECTs, one round trip. */
import type { Experiment } from '../config/sites.ts';
import type { CartAdd, Click, Line } from './attribution.ts';

/** Per-visitor sums of one arm of an experiment (visitors exposed on its placement in the range). */
export interface ArmRow {
  variant: string;
  n: number;
  impressions: number;
  clicks: number;
  impressionsSq: number;
  clicksSq: number;
  clicksImpressions: number;
  converted: number;
}

/** Σ revenue and Σ revenue² per visitor of one arm in one currency (currency units). */
export interface ArmRevenueRow {
  variant: string;
  currency: string;
  sum: number;
  sumSq: number;
}

/** Everything a report is computed from. */
export interface ReportRows {
  placementHours: { placement: string; hour: number; impressions: number; clicks: number }[];
  /** Cart adds and order lines in the range that a click of the same session and item preceded. */
  cartAdds: CartAdd[];
  orderLines: Line[];
  /** Clicks of the sessions with a cart add or order in the range. */
  clicks: Click[];
  experiments: { name: string; config: Experiment; arms: ArmRow[]; revenue: ArmRevenueRow[] }[];
  traffic: { hour: number; metric: string; n: number }[];
  coverage: { recommended: number; catalogue: number };
}

const inRange = 'site = ?1 AND hour >= ?2 AND hour < ?3';

const PLACEMENT_HOURS = `SELECT placement, hour, impressions, clicks FROM report_placement_hours WHERE ${inRange}`;
// Only rows the attribution rule can count leave D1: a click of the same session and item before
// them exists (attribution.ts then applies the rule itself and counts each order once per placement).
const clickedBefore = (t: string) => `EXISTS (SELECT 1 FROM report_rec_events c
  WHERE c.site = ${t}.site AND c.session = ${t}.session AND c.kind = 'click' AND c.item = ${t}.item AND c.ts < ${t}.ts)`;
const CART_ADDS = `SELECT a.session, a.event_id AS eventId, a.item, a.ts FROM report_cart_adds a
  WHERE a.site = ?1 AND a.hour >= ?2 AND a.hour < ?3 AND ${clickedBefore('a')}`;
const ORDER_LINES = `SELECT l.session, l.event_id AS eventId, l.item, l.revenue_micros AS revenueMicros, l.currency, l.ts
  FROM report_order_lines l WHERE l.site = ?1 AND l.hour >= ?2 AND l.hour < ?3 AND ${clickedBefore('l')}`;
const CLICKS = `SELECT session, item, placement, ts FROM report_rec_events
  WHERE site = ?1 AND kind = 'click' AND item IS NOT NULL AND ts < ?3 AND session IN (
    SELECT session FROM report_cart_adds WHERE ${inRange}
    UNION SELECT session FROM report_order_lines WHERE ${inRange})`;
// The visitors of experiment ?4: sessions with an impression or click on its placement in the range.
const VISITORS = `v AS (
    SELECT session, MIN(variant) AS variant, SUM(impressions) AS i, SUM(clicks) AS c
    FROM report_visitor_hours WHERE ${inRange} AND experiment = ?4 GROUP BY session)`;
const ARMS = `WITH ${VISITORS},
  o AS (SELECT DISTINCT session FROM report_order_lines WHERE ${inRange})
  SELECT variant, COUNT(*) AS n, SUM(i) AS impressions, SUM(c) AS clicks, SUM(i * i) AS impressionsSq,
    SUM(c * c) AS clicksSq, SUM(i * c) AS clicksImpressions,
    SUM(session IN (SELECT session FROM o)) AS converted
  FROM v GROUP BY variant`;
const ARM_REVENUE = `WITH ${VISITORS},
  r AS (SELECT session, currency, SUM(revenue_micros) / 1e6 AS x FROM report_order_lines
    WHERE ${inRange} AND session IN (SELECT session FROM v) GROUP BY session, currency)
  SELECT v.variant, r.currency, SUM(r.x) AS sum, SUM(r.x * r.x) AS sumSq
  FROM v JOIN r ON r.session = v.session GROUP BY v.variant, r.currency`;
const TRAFFIC = `SELECT hour, metric, n FROM report_traffic WHERE ${inRange}`;
const COVERAGE = `SELECT
  (SELECT COUNT(DISTINCT h.item) FROM report_item_hours h
     JOIN catalog_items c ON c.site = h.site AND c.id = h.item AND c.deleted = 0
   WHERE h.site = ?1 AND h.hour >= ?2 AND h.hour < ?3) AS recommended,
  (SELECT COUNT(*) FROM catalog_items WHERE site = ?1 AND deleted = 0) AS catalogue`;

/** Read the rows of `site`'s report over hours [fromHour, toHour) for its `experiments`. */
export async function readReportRows(
  db: D1Database,
  site: string,
  fromHour: number,
  toHour: number,
  experiments: Record<string, Experiment>,
): Promise<ReportRows> {
  const q = (sql: string, ...extra: unknown[]) => db.prepare(sql).bind(site, fromHour, toHour, ...extra);
  const names = Object.keys(experiments);
  const results = await db.batch([
    q(PLACEMENT_HOURS),
    q(CART_ADDS),
    q(ORDER_LINES),
    q(CLICKS),
    q(TRAFFIC),
    q(COVERAGE),
    ...names.flatMap((name) => [q(ARMS, name), q(ARM_REVENUE, name)]),
  ]);
  const rows = <T>(i: number) => (results[i]?.results ?? []) as T[];
  return {
    placementHours: rows(0),
    cartAdds: rows(1),
    orderLines: rows(2),
    clicks: rows(3),
    traffic: rows(4),
    coverage: rows<ReportRows['coverage']>(5)[0] ?? { recommended: 0, catalogue: 0 },
    experiments: names.map((name, i) => ({
      name,
      config: experiments[name]!,
      arms: rows(6 + 2 * i),
      revenue: rows(7 + 2 * i),
    })),
  };
}
