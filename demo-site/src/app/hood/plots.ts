/**
 * Two small inline-SVG charts for "under the hood": a latency line and a bar chart. Labels are
 * set as text nodes, never markup.
 */

const NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** One series of a line chart. */
export interface Series {
  label: string;
  colour: string;
  values: number[];
}

/** A line chart of several series over their index, y from 0 to the largest value; `unit` on the axis. */
export function lineChart(
  series: Series[],
  unit: string,
  title: string,
  width = 560,
  height = 180,
): SVGSVGElement {
  const pad = { l: 44, r: 8, t: 14, b: 22 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const count = Math.max(2, ...series.map((s) => s.values.length));
  const x = (i: number) => pad.l + (i / (count - 1)) * (width - pad.l - pad.r);
  const y = (v: number) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  root.append(svg('title', {}, title));
  for (const f of [0, 0.5, 1]) {
    root.append(svg('line', { x1: pad.l, x2: width - pad.r, y1: y(max * f), y2: y(max * f), class: 'grid' }));
    root.append(
      svg(
        'text',
        { x: pad.l - 6, y: y(max * f) + 4, 'text-anchor': 'end' },
        `${(max * f).toFixed(max < 10 ? 1 : 0)}`,
      ),
    );
  }
  root.append(svg('text', { x: pad.l, y: height - 4 }, `last ${count} answers · ${unit}`));
  series.forEach((s, k) => {
    if (s.values.length === 0) return;
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    root.append(svg('polyline', { points, fill: 'none', stroke: s.colour, 'stroke-width': 2 }));
    root.append(
      // Right-aligned from the right edge, one slot per series, so no label runs off the chart; the
      // colour inline, as the stylesheet greys chart text.
      svg(
        'text',
        { x: width - pad.r - 110 * k, y: 12, style: `fill: ${s.colour}`, 'text-anchor': 'end' },
        `— ${s.label}`,
      ),
    );
  });
  return root;
}

/** A horizontal bar per entry, scaled to the largest value; `note` is printed after the bar. */
export function barChart(
  bars: { label: string; value: number; note: string }[],
  title: string,
  width = 560,
): SVGSVGElement {
  const row = 26;
  const height = Math.max(1, bars.length) * row + 8;
  const max = Math.max(Number.EPSILON, ...bars.map((b) => b.value));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  root.append(svg('title', {}, title));
  bars.forEach((b, i) => {
    const top = 4 + i * row;
    const w = (b.value / max) * (width - 260);
    root.append(svg('text', { x: 0, y: top + 16 }, b.label));
    root.append(
      svg('rect', { x: 110, y: top + 3, width: Math.max(1, w), height: row - 8, rx: 3, class: 'bar' }),
    );
    root.append(svg('text', { x: 116 + w, y: top + 16 }, b.note));
  });
  if (bars.length === 0) root.append(svg('text', { x: 0, y: 20 }, 'No impressions yet'));
  return root;
}
