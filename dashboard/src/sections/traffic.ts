/** Traffic: what the Worker took and answered, and how fast, over the range and per hour. */
import { REPORT_BUCKET_MS, type TrafficReport } from '../../../contracts/report.ts';
import { figure, h, legend, table } from '../dom.ts';
import { formatCount, formatMs, formatTime } from '../format.ts';
import { timeSeriesChart } from '../plots/time-series.ts';
import { latencySeries, rejectedTotal, volumeSeries } from '../report-view.ts';
import { section, stat, stats, type ViewContext } from './view-context.ts';

/** Render the traffic section for [from, to). */
export function trafficSection(t: TrafficReport, from: number, to: number, ctx: ViewContext): HTMLElement {
  const n = (v: number) => formatCount(v, ctx.locale);
  const ms = (v: number | null) => (v === null ? '–' : formatMs(v, ctx.locale));
  const hour = (t: number) => formatTime(t, 'full', 'en-GB', ctx.timeZone);
  const rejected = rejectedTotal(t.eventsRejected);
  const codes = Object.entries(t.eventsRejected).filter(([, c]) => c > 0);
  const volume = volumeSeries(t.hourly);
  const latency = latencySeries(t.hourly);
  // The tables list the hours that had any traffic: a week is 168 rows otherwise.
  const busy = t.hourly.filter(
    (h) =>
      h.eventsAccepted + rejectedTotal(h.eventsRejected) + h.recommendationRequests + h.pushSubscribers > 0,
  );
  return section(
    'traffic',
    'Traffic and latency',
    stats(
      stat('Events accepted', n(t.eventsAccepted)),
      stat(
        'Batches refused',
        n(rejected),
        codes.length ? codes.map(([code, c]) => `${code} ${n(c)}`).join(', ') : 'none',
      ),
      stat('Recommendation requests', n(t.recommendationRequests)),
      stat('Push subscriptions', n(t.pushSubscribers)),
      stat(
        'Latency p50 / p95 / p99',
        `${ms(t.latency.p50)} / ${ms(t.latency.p95)} / ${ms(t.latency.p99)}`,
        `${n(t.latency.count)} answers timed`,
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      `Counted by the Worker as it serves; an evicted isolate loses at most its last ${formatMs(t.maxLossMs, ctx.locale)} of counts.`,
    ),
    figure(
      'Events and recommendation requests per hour',
      timeSeriesChart({
        title: 'Events and recommendation requests per hour',
        from,
        to,
        series: volume,
        bucketMs: REPORT_BUCKET_MS,
        formatY: n,
        width: ctx.width,
        timeZone: ctx.timeZone,
      }),
      table(
        'Hours with traffic',
        ['Hour', 'Events accepted', 'Batches refused', 'Recommendation requests', 'Push subscriptions'],
        busy.map((h) => [
          hour(h.hour),
          n(h.eventsAccepted),
          n(rejectedTotal(h.eventsRejected)),
          n(h.recommendationRequests),
          n(h.pushSubscribers),
        ]),
      ),
      legend(volume.map((s) => s.label)),
    ),
    figure(
      'Recommendation latency per hour (p50, p95, p99)',
      timeSeriesChart({
        title: 'Recommendation latency per hour, ms',
        from,
        to,
        series: latency,
        bucketMs: REPORT_BUCKET_MS,
        formatY: (v) => formatMs(v, ctx.locale),
        width: ctx.width,
        timeZone: ctx.timeZone,
      }),
      table(
        'Latency of the hours with answers',
        ['Hour', 'Answers', 'p50', 'p95', 'p99'],
        t.hourly
          .filter((h) => h.latency.count > 0)
          .map((h) => [
            hour(h.hour),
            n(h.latency.count),
            ms(h.latency.p50),
            ms(h.latency.p95),
            ms(h.latency.p99),
          ]),
      ),
      legend(latency.map((s) => s.label)),
    ),
  );
}
