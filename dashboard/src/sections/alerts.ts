/** Alerts: thresholds the site configured that are breached now, newest first. */
import type { Alert } from '../../../contracts/report.ts';
import { h } from '../dom.ts';
import { formatAge } from '../format.ts';
import { section, type ViewContext } from './view-context.ts';

const KIND: Record<Alert['kind'], string> = {
  error_rate: 'Error rate',
  latency_p99: 'Latency p99',
  events_stopped: 'Events stopped',
  model_age: 'Model age',
};

/** Render the alerts section (not a live region: it is redrawn on every poll). */
export function alertsSection(alerts: Alert[], ctx: ViewContext): HTMLElement {
  if (alerts.length === 0)
    return section('alerts', 'Alerts', h('p', { class: 'ok' }, 'No threshold is breached.'));
  return section(
    'alerts',
    'Alerts',
    h(
      'ul',
      { class: 'alerts' },
      [...alerts]
        .sort((a, b) => b.at - a.at)
        .map((a) =>
          h(
            'li',
            { class: 'alert', 'data-kind': a.kind },
            h('strong', {}, `${KIND[a.kind] ?? a.kind}: `),
            a.message,
            h('span', { class: 'muted' }, ` · ${formatAge(a.at, ctx.now)}`),
          ),
        ),
    ),
  );
}
