/**
 * Horizontal bars with their 95 % intervals as whiskers, one row per variant of an experiment (or
 * any estimates side by side). Pure SVG text; a row's label and value are printed above its bar so
 * a 360 px wide phone still has the whole width for the bars.
 */
import { linear, niceTicks } from './scale.ts';
import { chartRoot, el, text } from './svg.ts';

export interface IntervalRow {
  label: string;
  value: number;
  low: number;
  high: number;
}

export interface IntervalBarsOptions {
  title: string;
  rows: IntervalRow[];
  /** How the estimate and the interval's ends are written. */
  format: (v: number) => string;
  width?: number;
}

const ROW = 40;
const PAD = { l: 8, r: 12, t: 4, b: 20 };

/** The chart as an `<svg>` string: bar = estimate, whisker = interval, axis from 0. */
export function intervalBars(o: IntervalBarsOptions): string {
  const width = Math.max(280, Math.round(o.width ?? 640));
  const height = PAD.t + Math.max(1, o.rows.length) * ROW + PAD.b;
  const ticks = niceTicks(Math.max(0, ...o.rows.map((r) => Math.max(r.high, r.value))), 4);
  const x = linear(0, ticks[ticks.length - 1]!, PAD.l, width - PAD.r);
  const base = height - PAD.b;
  const parts: string[] = [];
  ticks.forEach((v, i) => {
    // The end labels are anchored inwards, so neither runs off the chart.
    const anchor = i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle';
    parts.push(el('line', { class: 'grid', x1: x(v), x2: x(v), y1: PAD.t, y2: base }));
    parts.push(
      el('text', { class: 'axis', x: x(v), y: height - 6, 'text-anchor': anchor }, text(o.format(v))),
    );
  });
  o.rows.forEach((r, i) => {
    const top = PAD.t + i * ROW;
    const mid = top + 27;
    const low = x(Math.max(0, Math.min(r.low, r.value)));
    const high = x(Math.max(r.high, r.value));
    parts.push(
      el('text', { class: 'label', x: PAD.l, y: top + 13 }, text(`${r.label}: ${o.format(r.value)}`)),
      el(
        'text',
        { class: 'note', x: width - PAD.r, y: top + 13, 'text-anchor': 'end' },
        text(`${o.format(r.low)} – ${o.format(r.high)}`),
      ),
      el('rect', {
        class: `bar series-${i}`,
        x: PAD.l,
        y: mid - 5,
        width: Math.max(1, x(r.value) - PAD.l),
        height: 10,
        rx: 2,
      }),
      el('line', { class: 'whisker', x1: low, x2: high, y1: mid, y2: mid }),
      el('line', { class: 'whisker', x1: low, x2: low, y1: mid - 7, y2: mid + 7 }),
      el('line', { class: 'whisker', x1: high, x2: high, y1: mid - 7, y2: mid + 7 }),
    );
  });
  if (o.rows.length === 0)
    parts.push(
      el(
        'text',
        { class: 'empty', x: width / 2, y: PAD.t + 24, 'text-anchor': 'middle' },
        text('No visitors yet'),
      ),
    );
  return chartRoot(width, height, o.title, ...parts);
}
