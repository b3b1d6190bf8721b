/** Per placement: impressions → clicks → carts → orders, CTR with its interval, attributed revenue. */
import type { PlacementReport } from '../../../contracts/report.ts';
import { figure, h, table } from '../dom.ts';
import { formatCount, formatInterval, formatPercent } from '../format.ts';
import { funnelChart, stepShares } from '../plots/funnel.ts';
import { formatRevenue, funnelStages } from '../report-view.ts';
import { section, stat, stats, type ViewContext } from './view-context.ts';

/** A CTR estimate as text ("–" without impressions). */
export function ctrText(ctr: PlacementReport['ctr'], locale: string): string {
  if (ctr.value === null) return '–';
  const pct = (v: number) => formatPercent(v, locale);
  return ctr.low === null || ctr.high === null
    ? pct(ctr.value)
    : formatInterval({ value: ctr.value, low: ctr.low, high: ctr.high }, pct);
}

/** Render the funnels section; `attribution` is the report's one-sentence rule. */
export function funnelsSection(
  placements: PlacementReport[],
  attribution: string,
  ctx: ViewContext,
): HTMLElement {
  const n = (v: number) => formatCount(v, ctx.locale);
  return section(
    'funnels',
    'Placements: from impression to order',
    h('p', { class: 'muted' }, attribution),
    placements.length === 0
      ? h('p', {}, 'No impressions, clicks or attributed orders in this range yet.')
      : null,
    ...placements.map((p) => {
      const stages = funnelStages(p);
      const shares = stepShares(stages);
      return h(
        'article',
        { class: 'placement', 'data-placement': p.placement },
        h('h3', {}, p.placement),
        stats(
          stat('Click-through rate', ctrText(p.ctr, ctx.locale), '95 % interval'),
          stat(
            'Attributed revenue',
            formatRevenue(p.attributedRevenue, ctx.locale),
            `${n(p.orders)} ${p.orders === 1 ? 'order' : 'orders'}`,
          ),
        ),
        figure(
          `Funnel of ${p.placement}`,
          funnelChart({
            title: `Funnel of placement ${p.placement}`,
            stages,
            formatCount: n,
            formatShare: (s) => formatPercent(s, ctx.locale),
            width: ctx.width,
          }),
          table(
            `Funnel of ${p.placement}`,
            ['Stage', 'Count', 'Share of the stage before'],
            stages.map((s, i) => [
              s.label,
              n(s.value),
              shares[i] === undefined ? '–' : formatPercent(shares[i]!, ctx.locale),
            ]),
          ),
        ),
      );
    }),
  );
}
