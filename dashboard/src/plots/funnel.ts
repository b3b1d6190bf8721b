/**
 * A funnel as SVG text: one bar per stage (impressions → clicks → carts → orders), widths on a
 * square-root scale so a 2 % click-through stays visible next to its impressions, each labelled
 * with its count and its share of the stage before. Pure.
 */
import { chartRoot, el, text } from './svg.ts';

export interface FunnelStage {
  label: string;
  value: number;
}

export interface FunnelOptions {
  title: string;
  stages: FunnelStage[];
  formatCount: (n: number) => string;
  formatShare: (share: number) => string;
  width?: number;
}

const ROW = 36;

/** The conversion from each stage to the next, for the labels (undefined for the first stage or a 0 before). */
export function stepShares(stages: FunnelStage[]): (number | undefined)[] {
  return stages.map((s, i) => {
    const before = stages[i - 1]?.value;
    return before ? s.value / before : undefined;
  });
}

/** The funnel as an `<svg>` string. */
export function funnelChart(o: FunnelOptions): string {
  const width = Math.max(280, Math.round(o.width ?? 640));
  const height = Math.max(1, o.stages.length) * ROW + 4;
  const top = Math.sqrt(Math.max(1, ...o.stages.map((s) => s.value)));
  const shares = stepShares(o.stages);
  const parts: string[] = [];
  o.stages.forEach((s, i) => {
    const y = 2 + i * ROW;
    const w = (Math.sqrt(Math.max(0, s.value)) / top) * (width - 16);
    const share = shares[i];
    const note =
      share === undefined ? '' : ` · ${o.formatShare(share)} of ${o.stages[i - 1]!.label.toLowerCase()}`;
    parts.push(
      el('text', { class: 'label', x: 8, y: y + 12 }, text(`${s.label}: ${o.formatCount(s.value)}${note}`)),
      el('rect', { class: `bar stage-${i}`, x: 8, y: y + 17, width: Math.max(1, w), height: 12, rx: 2 }),
    );
  });
  return chartRoot(width, height, o.title, ...parts);
}
