/** Catalogue coverage: the share of the live catalogue that was recommended (shown) at least once. */
import type { CatalogueCoverage } from '../../../contracts/report.ts';
import { h } from '../dom.ts';
import { formatCount, formatPercent } from '../format.ts';
import { section, stat, stats, type ViewContext } from './view-context.ts';

/** Render the coverage section. */
export function coverageSection(c: CatalogueCoverage, ctx: ViewContext): HTMLElement {
  const n = (v: number) => formatCount(v, ctx.locale);
  if (c.value === null)
    return section('coverage', 'Catalogue coverage', h('p', {}, 'The site has not sent a catalogue yet.'));
  return section(
    'coverage',
    'Catalogue coverage',
    stats(
      stat(
        'Items recommended at least once',
        formatPercent(c.value, ctx.locale),
        `${n(c.recommended)} of ${n(c.catalogue)} live items`,
      ),
    ),
    h('meter', { min: 0, max: 1, value: c.value, 'aria-label': 'Share of the catalogue recommended' }),
  );
}
