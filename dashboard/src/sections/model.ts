/** The model answering now: version, when it was trained and activated, on what, its offline scores. */
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import type { ActiveModelInfo } from '../api.ts';
import { h } from '../dom.ts';
import { formatAge, formatCount, formatTime } from '../format.ts';
import { section, stat, stats, type ViewContext } from './view-context.ts';

/** What is known of the active model: nothing yet, its activation only, or its manifest too. */
export type ModelState =
  | { kind: 'none'; message: string }
  | { kind: 'active'; active: ActiveModelInfo; manifest?: ModelManifest };

/** Offline evaluations at k = 20 first (what the retrain gate compares), the others after. */
export function rankedMetrics(
  m: ModelManifest,
): { name: string; k: number; hr: number; mrr: number; n: number }[] {
  return Object.entries(m.metrics)
    .map(([name, e]) => ({ name, ...e }))
    .sort((a, b) => Number(b.k === 20) - Number(a.k === 20) || a.name.localeCompare(b.name));
}

/** Render the model section. */
export function modelSection(state: ModelState, ctx: ViewContext): HTMLElement {
  if (state.kind === 'none') return section('model', 'Active model', h('p', {}, state.message));
  const { active, manifest } = state;
  const when = (iso: string) => {
    const ms = Date.parse(iso);
    return `${formatTime(ms, 'full', 'en-GB', ctx.timeZone)} (${formatAge(ms, ctx.now)})`;
  };
  const metrics = manifest ? rankedMetrics(manifest) : [];
  return section(
    'model',
    'Active model',
    stats(
      stat('Version', active.version, `index slot ${active.slot}`),
      stat('Activated', when(active.activatedAt)),
      manifest ? stat('Trained', when(manifest.createdAt)) : stat('Trained', '–', 'manifest not readable'),
      manifest
        ? stat(
            'Trained on',
            `${formatCount(manifest.training.events, ctx.locale)} events`,
            `${formatCount(manifest.training.sessions, ctx.locale)} sessions, ${formatCount(manifest.training.items, ctx.locale)} items`,
          )
        : h('span', {}),
      ...metrics
        .slice(0, 1)
        .map((e) =>
          stat(
            `Offline HR@${e.k} / MRR@${e.k}`,
            `${e.hr.toFixed(3)} / ${e.mrr.toFixed(3)}`,
            `${e.name}, ${formatCount(e.n, ctx.locale)} predictions`,
          ),
        ),
    ),
    manifest && metrics.length === 0
      ? h('p', { class: 'muted' }, 'This model carries no offline evaluation.')
      : null,
  );
}
