/**
 * The shop owner's report: what `GET /v1/admin/report?key=<site>&from=<ms>&to=<ms>` answers (admin
 * token). Plain JSON, dependency-free; the edge builds it, the dashboard page renders it.
 *
 * Time: every series is in whole UTC hours. Funnel and experiment figures are bucketed by the
 * event's own time (`ts`); traffic figures by the Worker's clock when it served the request. The
 * range is widened to whole hours: `from` floored, `to` ceiled (see `from` / `to` below).
 *
 * What is counted: the report counts what the event log holds, so events sent without analytics
 * consent (never logged) and bot traffic (kept out of the log) are not in the funnel, the
 * experiments or the revenue; traffic counters count every request.
 */

/** Length of one bucket, ms. */
export const REPORT_BUCKET_MS = 3_600_000;

/** Longest range one report may cover, ms (31 days). */
export const MAX_REPORT_RANGE_MS = 31 * 24 * REPORT_BUCKET_MS;

/** Coverage of every interval and confidence sequence (alpha = 0.05). */
export const REPORT_CONFIDENCE = 0.95;

/** Visitors each arm needs before a verdict other than `inconclusive` (normal approximation). */
export const MIN_VISITORS_PER_ARM = 100;

/**
 * An estimate with its 95 % interval. All three are null when there is nothing to estimate from
 * (e.g. a CTR without impressions).
 */
export interface Interval {
  value: number | null;
  low: number | null;
  high: number | null;
}

/** An amount of money in one currency (ISO 4217 code as the order sent it; `''` when it had none). */
export interface Money {
  currency: string;
  /** Sum in currency units; summed exactly as integer millionths, then divided. */
  amount: number;
}

/** An interval on an amount of money per visitor in one currency. */
export interface MoneyInterval extends Interval {
  currency: string;
}

/** The funnel of one placement, over the whole range or one hour. */
export interface PlacementFunnel {
  /** `impression` events whose `props.recId` names this placement. */
  impressions: number;
  /** `rec_click` events whose `props.recId` names this placement. */
  clicks: number;
  /** clicks / impressions, Wilson score interval. */
  ctr: Interval;
  /** `cart_add` events of an item the same session had clicked on this placement before (`ts`). */
  addToCarts: number;
  /** Orders (`purchase` events) with at least one attributed line; once per order however many clicks. */
  orders: number;
  /**
   * Σ price × quantity of the attributed lines of those orders, per order currency (sorted by
   * currency). The rule: a line counts when the same session clicked (`rec_click` with the answer's
   * `recId`) that line's item on this placement before the order's `ts`.
   */
  attributedRevenue: Money[];
}

/** One hour of a placement's funnel. */
export interface PlacementHour extends PlacementFunnel {
  /** Start of the hour, ms since the epoch (UTC). */
  hour: number;
}

/** A placement's totals over the range and its hourly series (every hour of the range, zeros included). */
export interface PlacementReport extends PlacementFunnel {
  placement: string;
  hourly: PlacementHour[];
}

/** Outcome of the sequential test of one metric of a variant against the control. */
export type Verdict = 'better' | 'worse' | 'inconclusive';

/**
 * Variant − control for one metric: the always-valid 95 % confidence sequence of the difference
 * (valid however often it is looked at and whenever the experiment is stopped), and the verdict it
 * gives: `better` when the whole interval is above 0, `worse` below, `inconclusive` otherwise (and
 * while either arm has too few visitors for the normal approximation, `MIN_VISITORS_PER_ARM`).
 */
export interface Difference extends Interval {
  verdict: Verdict;
}

/** A money metric's difference in one currency. */
export interface MoneyDifference extends Difference {
  currency: string;
}

/** One arm of an experiment. */
export interface VariantReport {
  variant: string;
  /** The first configured variant: what the others are compared with. */
  control: boolean;
  /** Sessions in this arm with at least one impression or click on the experiment's placement in the range. */
  visitors: number;
  /** Impressions of those visitors on the experiment's placement. */
  impressions: number;
  /** Their `rec_click`s on the experiment's placement. */
  clicks: number;
  /** clicks / impressions, Wilson score interval (per impression; the test below is per visitor). */
  ctr: Interval;
  /** Share of visitors with at least one order in the range; Wilson interval. */
  conversion: Interval;
  /**
   * Order revenue (every line, attributed or not: the business outcome) per visitor, per currency;
   * normal interval from per-visitor sums and sums of squares.
   */
  revenuePerVisitor: MoneyInterval[];
  /** Against the control; absent on the control itself. */
  vsControl?: {
    /** CTR as a ratio of per-visitor sums (delta method), so a visitor's many impressions are not independent trials. */
    ctr: Difference;
    conversion: Difference;
    /** One per currency seen in either arm. */
    revenuePerVisitor: MoneyDifference[];
  };
}

/** One experiment of the site (`sites.json`), its arms in configured order. */
export interface ExperimentReport {
  experiment: string;
  placement: string;
  /** The sequential method, e.g. `mSPRT normal mixture (asymptotic confidence sequence), alpha 0.05`. */
  method: string;
  variants: VariantReport[];
}

/** Latency of recommendation answers as the Worker timed them (ms), from log-spaced histograms. */
export interface LatencySummary {
  /** Answers timed. */
  count: number;
  /** Quantiles, ms; the upper edge of the histogram bucket holding them (buckets ≈ 10 % wide); null without answers. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Request-path counters, over one hour or the range. */
export interface TrafficCounts {
  /** Events in batches the Worker accepted (202), client retries included. */
  eventsAccepted: number;
  /** Refused event batches by error code (`invalid_body`, `rate_limited`, ...), codes sorted. */
  eventsRejected: Record<string, number>;
  /** `GET /v1/recommendations` requests answered (any status). */
  recommendationRequests: number;
  /** WebSocket push subscriptions opened (`GET /v1/recommendations/ws` upgrades accepted). */
  pushSubscribers: number;
  /** Latency of the answered recommendation requests (200 only). */
  latency: LatencySummary;
}

/** One hour of traffic (the Worker's clock). */
export interface TrafficHour extends TrafficCounts {
  hour: number;
}

/** Traffic totals and their hourly series (every hour of the range). */
export interface TrafficReport extends TrafficCounts {
  hourly: TrafficHour[];
  /**
   * Counters are summed in each isolate and written to D1 every few seconds: an isolate evicted
   * between writes loses at most this many ms of its counts.
   */
  maxLossMs: number;
}

/** Share of the site's live catalogue items that had at least one impression in the range. */
export interface CatalogueCoverage {
  /** Distinct items with an impression in the range that are in the catalogue now. */
  recommended: number;
  /** Live items in the site's catalogue (D1); 0 when the site has sent none. */
  catalogue: number;
  /** recommended / catalogue; null without a catalogue. */
  value: number | null;
}

/** Kinds of alert thresholds a site can configure. */
export type AlertKind = 'error_rate' | 'latency_p99' | 'events_stopped' | 'model_age';

/** A breached threshold. */
export interface Alert {
  kind: AlertKind;
  /** What was measured (a rate 0-1, ms, events, or days). */
  value: number;
  /** The configured threshold it crossed. */
  threshold: number;
  /** When it was last evaluated as breached, ms since the epoch. */
  at: number;
  /** One sentence for a person. */
  message: string;
}

/** The whole answer of `GET /v1/admin/report`. */
export interface Report {
  site: string;
  /** Start of the first hour reported (the requested `from` floored to the hour), ms. */
  from: number;
  /** End of the last hour reported (the requested `to` ceiled to the hour), ms; half-open. */
  to: number;
  bucketMs: typeof REPORT_BUCKET_MS;
  /** When the report was computed, ms since the epoch. */
  generatedAt: number;
  /** The attribution rule, in one sentence (the same as `PlacementFunnel.attributedRevenue`'s). */
  attribution: string;
  /** Placements with any impression, click or attributed cart / order in the range, by name. */
  placements: PlacementReport[];
  /** The site's configured experiments. */
  experiments: ExperimentReport[];
  traffic: TrafficReport;
  catalogueCoverage: CatalogueCoverage;
  /** Thresholds breached now (empty when none is configured or none is breached). */
  alerts: Alert[];
}
