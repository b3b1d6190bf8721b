/**
 * A line chart over time as SVG text: hourly buckets of one or more series (traffic, or latency
 * p50 / p95 / p99). Pure; `width` is the container's, so text stays legible on a phone. Each series
 * gets a class (`series-0`, `-1`, …) that the stylesheet colours and dashes, so colour is never the
 * only difference. A bucket without data (`null`) breaks the line instead of drawing a zero.
 */
import { formatTime } from '../format.ts';
import { linear, niceTicks, timeTicks } from './scale.ts';
import { chartRoot, el, text } from './svg.ts';

/** One value per bucket start `t` (ms); `null` when the bucket has nothing to show. */
export interface TimePoint {
  t: number;
  v: number | null;
}

export interface TimeSeries {
  label: string;
  points: TimePoint[];
}

export interface TimeChartOptions {
  title: string;
  from: number;
  to: number;
  series: TimeSeries[];
  /** Length of the bucket each point starts: drawn at the bucket's middle. 0: at `t` itself. */
  bucketMs?: number;
  /** Labels of the y axis. */
  formatY: (v: number) => string;
  width?: number;
  height?: number;
  timeZone?: string;
}

const PAD = { l: 52, r: 12, t: 10, b: 24 };

/** The chart as an `<svg>` string. */
export function timeSeriesChart(o: TimeChartOptions): string {
  const width = Math.max(280, Math.round(o.width ?? 640));
  const height = o.height ?? 180;
  const values = o.series.flatMap((s) => s.points.map((p) => p.v ?? 0));
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks[ticks.length - 1]!;
  const x = linear(o.from, o.to, PAD.l, width - PAD.r);
  const mid = (o.bucketMs ?? 0) / 2;
  const y = linear(0, top, height - PAD.b, PAD.t);
  const parts: string[] = [];
  for (const v of ticks) {
    parts.push(el('line', { class: 'grid', x1: PAD.l, x2: width - PAD.r, y1: y(v), y2: y(v) }));
    parts.push(
      el('text', { class: 'axis', x: PAD.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, text(o.formatY(v))),
    );
  }
  const span = o.to - o.from;
  const style = span <= 36 * 3_600_000 ? 'hour' : 'day';
  // Fewer labels on a narrow chart: about one per 90 px.
  for (const t of timeTicks(o.from, o.to, Math.max(2, Math.floor((width - PAD.l) / 90)))) {
    parts.push(
      el(
        'text',
        { class: 'axis', x: x(t), y: height - 6, 'text-anchor': 'middle' },
        text(formatTime(t, style, 'en-GB', o.timeZone)),
      ),
    );
  }
  o.series.forEach((s, i) => {
    const cls = `series series-${i}`;
    for (const run of runsOf(s.points)) {
      if (run.length === 1) {
        parts.push(el('circle', { class: cls, cx: x(run[0]!.t + mid), cy: y(run[0]!.v), r: 2.5 }));
      } else {
        const d = run.map((p, k) => `${k ? 'L' : 'M'}${r1(x(p.t + mid))} ${r1(y(p.v))}`).join('');
        parts.push(el('path', { class: cls, d, fill: 'none' }));
      }
    }
  });
  if (values.length === 0) {
    parts.push(
      el(
        'text',
        { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' },
        text('No data in this range'),
      ),
    );
  }
  return chartRoot(width, height, o.title, ...parts);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Consecutive points with values, in time order: each run is one unbroken line. */
export function runsOf(points: TimePoint[]): { t: number; v: number }[][] {
  const runs: { t: number; v: number }[][] = [];
  let run: { t: number; v: number }[] = [];
  for (const p of [...points].sort((a, b) => a.t - b.t)) {
    if (p.v === null || !Number.isFinite(p.v)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ t: p.t, v: p.v });
  }
  if (run.length) runs.push(run);
  return runs;
}
