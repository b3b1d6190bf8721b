/**
 * Each experiment: per metric, the variants' estimates with their 95 % intervals as bars, and the
 * sequential test's verdict of each variant against the control, the method named.
 */
import { type ExperimentReport, MIN_VISITORS_PER_ARM } from '../../../contracts/report.ts';
import { figure, h, table } from '../dom.ts';
import { formatCount, formatMoney, formatPercent, formatPoints } from '../format.ts';
import { intervalBars } from '../plots/interval-bars.ts';
import { experimentMetrics, type MetricView, verdictText } from '../report-view.ts';
import { section, type ViewContext } from './view-context.ts';

function metricFigure(e: ExperimentReport, m: MetricView, control: string, ctx: ViewContext): HTMLElement {
  const fmt =
    m.kind === 'share'
      ? (v: number) => formatPercent(v, ctx.locale)
      : (v: number) => formatMoney(v, m.currency || undefined, ctx.locale);
  // A difference of shares is in percentage points (4 % vs 5 % is 1 point, not 1 %).
  const signed = (v: number | null) =>
    v === null
      ? '–'
      : m.kind === 'share'
        ? formatPoints(v, ctx.locale)
        : `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmt(Math.abs(v))}`;
  return h(
    'div',
    { class: 'metric' },
    figure(
      `${m.name}`,
      intervalBars({
        title: `${m.name} per variant of ${e.experiment}, 95 % intervals`,
        rows: m.rows,
        format: fmt,
        width: ctx.width,
      }),
      table(
        `${m.name} per variant`,
        ['Variant', 'Estimate', '95 % interval'],
        m.rows.map((r) => [r.label, fmt(r.value), `${fmt(r.low)} – ${fmt(r.high)}`]),
      ),
    ),
    h(
      'ul',
      { class: 'verdicts' },
      m.differences.map(({ variant, diff }) =>
        h(
          'li',
          { class: `verdict verdict-${diff.verdict}` },
          h('strong', {}, verdictText(variant, control, diff)),
          diff.value === null
            ? ' · too little data to estimate the difference yet'
            : ` · difference ${signed(diff.value)} (${signed(diff.low)} to ${signed(diff.high)})`,
        ),
      ),
    ),
  );
}

/** Render the experiments section. */
export function experimentsSection(experiments: ExperimentReport[], ctx: ViewContext): HTMLElement {
  const n = (v: number) => formatCount(v, ctx.locale);
  return section(
    'experiments',
    'Experiments',
    experiments.length === 0 ? h('p', {}, 'No experiment is configured for this site.') : null,
    ...experiments.map((e) => {
      const control = e.variants.find((v) => v.control)?.variant ?? e.variants[0]?.variant ?? 'control';
      return h(
        'article',
        { class: 'experiment', 'data-experiment': e.experiment },
        h('h3', {}, `${e.experiment} `, h('span', { class: 'muted' }, `on ${e.placement}`)),
        h(
          'p',
          { class: 'muted' },
          `Method: ${e.method}. Intervals of the differences stay valid however often this page is looked at; `,
          `no verdict before ${MIN_VISITORS_PER_ARM} visitors per variant.`,
        ),
        table(
          `Variants of ${e.experiment}`,
          ['Variant', 'Visitors', 'Impressions', 'Clicks'],
          e.variants.map((v) => [
            `${v.variant}${v.control && v.variant !== 'control' ? ' (control)' : ''}`,
            n(v.visitors),
            n(v.impressions),
            n(v.clicks),
          ]),
        ),
        ...experimentMetrics(e).map((m) => metricFigure(e, m, control, ctx)),
      );
    }),
  );
}
