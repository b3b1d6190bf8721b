/**
 * "Under the hood": what a shop owner wants to see while clicking around — this session's event
 * stream and recent items, every recommendation answer with its source and Server-Timing, and
 * plots of latency and click-through per experiment variant. Updates live.
 */

import { consentChoice } from '../consent-banner.ts';
import { h } from '../dom.ts';
import { barChart, lineChart } from '../hood/plots.ts';
import { answers, events, onRecord, perVariant, recent } from '../hood/recorder.ts';
import { rec } from '../rec.ts';
import type { Store } from '../store.ts';
import { experimentPanel } from './hood-experiments.ts';

const time = (ts: number) => new Date(ts).toLocaleTimeString('en-GB', { hour12: false });
const short = (v: unknown) => (v == null ? '' : String(v).slice(0, 40));

/** Render `/under-the-hood`. */
export function hoodPage(store: Store): Node {
  const live = h('div', { class: 'hood-live' });
  const draw = () => {
    const consent = consentChoice() ?? { analytics: false, personalization: false };
    let session = 'not started (the SDK has not loaded)';
    try {
      session = rec()?.context?.().sessionId ?? session;
    } catch {}
    const latest = answers.at(-1);
    const network = answers.filter((a) => a.latencyMs !== undefined).slice(-40);
    const serverTotal = (a: (typeof answers)[number]) => a.timings.reduce((s, t) => s + t.dur, 0);
    live.replaceChildren(
      h(
        'section',
        { class: 'hood-facts' },
        fact(
          'Consent',
          `analytics ${consent.analytics ? 'on' : 'off'} · personalization ${consent.personalization ? 'on' : 'off'}`,
        ),
        fact('Session', session),
        fact('Events queued by the SDK', String(events.length)),
        fact('Answers rendered', String(answers.length)),
        fact(
          'Last answer',
          latest
            ? `${latest.source}${latest.latencyMs !== undefined ? ` · ${latest.latencyMs.toFixed(1)} ms` : ''}`
            : '–',
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Latency'),
        lineChart(
          [
            { label: 'round trip', colour: '#2563eb', values: network.map((a) => a.latencyMs!) },
            { label: 'server', colour: '#d97706', values: network.map(serverTotal) },
          ],
          'ms',
          'Latency of the recommendation answers fetched from the edge',
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Click-through per variant (this tab)'),
        barChart(
          [...perVariant].map(([variant, c]) => ({
            label: variant,
            value: c.impressions ? c.clicks / c.impressions : 0,
            note: `${c.clicks} / ${c.impressions} · ${c.impressions ? ((100 * c.clicks) / c.impressions).toFixed(1) : '0'}%`,
          })),
          'Click-through rate per experiment variant in this tab',
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Recent items of this session'),
        recent.length
          ? h(
              'ol',
              { class: 'recent', reversed: true },
              recent
                .slice(-12)
                .reverse()
                .map((r) =>
                  h(
                    'li',
                    {},
                    `${time(r.ts)} · ${r.type} · `,
                    r.id ? (store.byId.get(r.id)?.title ?? r.id) : `department ${r.category}`,
                  ),
                ),
            )
          : h('p', { class: 'muted' }, 'Nothing yet: open a department or a product.'),
      ),
      table(
        'Recommendation answers',
        ['time', 'placement', 'source', 'recId', 'variant', 'items', 'round trip', 'Server-Timing'],
        answers
          .slice(-25)
          .reverse()
          .map((a) => [
            time(a.ts),
            a.placement,
            a.source,
            a.recId,
            a.variant,
            String(a.items),
            a.latencyMs === undefined ? '' : `${a.latencyMs.toFixed(1)} ms`,
            a.timings.map((t) => `${t.name} ${t.dur.toFixed(1)}`).join(' · '),
          ]),
      ),
      table(
        'Event stream',
        ['time', 'type', 'item / category', 'recId', 'variant'],
        events
          .slice(-40)
          .reverse()
          .map((e) => [
            time(e.ts),
            e.type,
            short(e.props.product_id ?? e.props.category ?? e.props.query ?? e.props.path),
            short(e.props.recId),
            short(e.props.variant),
          ]),
      ),
    );
  };
  draw();
  const stop = onRecord(() => (live.isConnected ? draw() : stop()));
  return h(
    'div',
    { class: 'page hood' },
    h('h1', {}, 'Under the hood'),
    h(
      'p',
      { class: 'muted' },
      'Everything on this page is recorded in this tab as it happens. Browse the shop in another tab or come back here.',
    ),
    live,
    experimentPanel(),
  );
}

function fact(label: string, value: string): HTMLElement {
  return h('div', { class: 'fact' }, h('span', { class: 'muted' }, label), h('strong', {}, value));
}

function table(title: string, head: string[], rows: string[][]): HTMLElement {
  return h(
    'section',
    {},
    h('h2', {}, title),
    rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                head.map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              rows.map((r) =>
                h(
                  'tr',
                  {},
                  r.map((c) => h('td', {}, c)),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Nothing yet.'),
  );
}
