/**
 * The model answering now: version, when it was trained and activated, on what, its offline scores;
 * and what the last retrain decided, with the candidate's and the active model's scores.
 */
import type { RetrainRecord } from '../../../contracts/retrain.ts';
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import type { ActiveModelInfo } from '../api.ts';
import { h, table } from '../dom.ts';
import { formatAge, formatCount, formatPercent, formatTime } from '../format.ts';
import { section, stat, stats, type ViewContext } from './view-context.ts';

/** What is known of the active model: nothing yet, its activation only, or its manifest too. */
export type ModelState =
  | { kind: 'none'; message: string }
  | { kind: 'active'; active: ActiveModelInfo; manifest?: ModelManifest; retrain?: RetrainRecord };

/** One line saying what a retrain decided. */
export function retrainVerdict(r: RetrainRecord): string {
  if (r.published)
    return `${r.decision === 'promote' ? 'Promoted' : 'Published despite the gate (forced)'}: ${r.published} went live`;
  if (r.decision === 'promote') return `Passed the gate, not published (--publish ${r.publishMode})`;
  return `Kept the active model: the candidate scored worse than the ${Math.round(r.margin * 1000) / 10} % margin allows`;
}

/** The scores table of a retrain: candidate and active model on the same newest slice of the log. */
export function retrainRows(r: RetrainRecord, locale = 'en'): (string | number)[][] {
  const row = (name: string, m: RetrainRecord['candidate']) => [
    `${name} (${m.version})`,
    m.scores.hr.toFixed(3),
    m.scores.mrr.toFixed(3),
    formatPercent(m.scores.coverage, locale),
    formatCount(m.scores.n, locale),
  ];
  return [row('Candidate', r.candidate), ...(r.active ? [row('Active', r.active)] : [])];
}

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
    state.retrain ? retrainBlock(state.retrain, when, ctx) : null,
  );
}

function retrainBlock(r: RetrainRecord, when: (iso: string) => string, ctx: ViewContext): HTMLElement {
  const k = r.candidate.scores.k;
  return h(
    'div',
    { class: 'retrain' },
    h('h3', {}, 'Last retrain'),
    h('p', {}, `${when(r.at)}: ${retrainVerdict(r)}.`),
    table(
      `Both models scored on the newest slice of the log (${formatTime(Date.parse(r.range.from), 'full', 'en-GB', ctx.timeZone)} to ${formatTime(Date.parse(r.range.to), 'full', 'en-GB', ctx.timeZone)} trained on)`,
      ['Model', `HR@${k}`, `MRR@${k}`, 'Coverage', 'Predictions'],
      retrainRows(r, ctx.locale),
    ),
  );
}
