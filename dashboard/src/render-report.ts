/**
 * Draw a report into the page. Every poll redraws, so what a reader had open (a table under
 * "Show as a table") and the control that had the keyboard focus are noted first and restored after.
 */
import type { Report } from '../../contracts/report.ts';
import { alertsSection } from './sections/alerts.ts';
import { coverageSection } from './sections/coverage.ts';
import { experimentsSection } from './sections/experiments.ts';
import { funnelsSection } from './sections/funnels.ts';
import { type ModelState, modelSection } from './sections/model.ts';
import { trafficSection } from './sections/traffic.ts';
import type { ViewContext } from './sections/view-context.ts';

/** A stable name for a `<details>` or `<summary>`: its section, and its figure's caption. */
function keyOf(el: Element): string {
  const fig = el.closest('figure');
  return `${el.closest('section')?.id ?? ''}/${fig?.closest('article')?.getAttribute('data-placement') ?? fig?.closest('article')?.getAttribute('data-experiment') ?? ''}/${fig?.querySelector('figcaption')?.textContent ?? ''}`;
}

/** Replace the sections in `into` with the report's. */
export function renderReport(into: HTMLElement, report: Report, model: ModelState, now: number): void {
  const open = new Set([...into.querySelectorAll('details[open]')].map(keyOf));
  const active = document.activeElement;
  const focused = active && into.contains(active) && active.tagName === 'SUMMARY' ? keyOf(active) : undefined;
  const ctx: ViewContext = {
    // A section's content box: its padding and border are 26 px of the column.
    width: Math.min(760, (into.clientWidth || 666) - 26),
    now,
    locale: navigator.language || 'en',
  };
  into.replaceChildren(
    alertsSection(report.alerts, ctx),
    trafficSection(report.traffic, report.from, report.to, ctx),
    funnelsSection(report.placements, report.attribution, ctx),
    experimentsSection(report.experiments, ctx),
    modelSection(model, ctx),
    coverageSection(report.catalogueCoverage, ctx),
  );
  for (const d of into.querySelectorAll('details')) {
    const key = keyOf(d);
    if (open.has(key)) d.open = true;
    if (focused === key) d.querySelector('summary')?.focus();
  }
}
