/**
 * The shop owner's dashboard (`/admin/`): unlock with the admin token (kept in this closure only),
 * then the report of the chosen range, polled every 5 s while the tab is visible.
 */
import type { Report } from '../../contracts/report.ts';
import type { ModelManifest } from '../../contracts/schema/model-manifest.ts';
import { fetchActiveModel, fetchManifest, fetchReport, fetchRetrains } from './api.ts';
import { h } from './dom.ts';
import { formatTime } from './format.ts';
import { browserHost, startPolling } from './poll.ts';
import { isLive, type RangeChoice, resolveRange } from './range.ts';
import { rangePicker } from './range-picker.ts';
import { renderReport } from './render-report.ts';
import type { ModelState } from './sections/model.ts';
import { unlockForm } from './unlock-form.ts';

/** The sections' ids (render-report.ts) and their names in the page's jump links. */
const SECTIONS = [
  ['alerts', 'Alerts'],
  ['traffic', 'Traffic'],
  ['funnels', 'Placements'],
  ['experiments', 'Experiments'],
  ['model', 'Model'],
  ['coverage', 'Coverage'],
] as const;

/** How often the report is asked for while the tab is visible. */
export const POLL_MS = 5_000;

/** Mount the dashboard into `root`. */
export function startDashboard(root: HTMLElement): void {
  const initialKey = new URLSearchParams(location.search).get('key') || 'demo';
  // Announced: what changed for the reader (loading, an error). Not announced: the clock of each poll.
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const updated = h('p', { class: 'status' });
  const say = (text: string) => {
    if (status.textContent !== text) status.textContent = text;
  };
  const body = h('div', { class: 'dash-body' });
  root.replaceChildren(h('h1', {}, 'Shop dashboard'), updated, status, body);

  const locked = (why = '') => {
    say(why);
    document.title = 'Shop dashboard';
    body.replaceChildren(
      unlockForm(
        initialKey,
        async (key, token) => {
          const r = resolveRange({ preset: '24h' }, Date.now());
          const res = await fetchReport(token, key, r.from, r.to);
          if (res.ok) return { ok: true };
          const field = res.code === 'unknown_site_key' || res.code === 'missing_site_key' ? 'key' : 'token';
          return {
            ok: false,
            field,
            message:
              res.status === 401 && field === 'token' ? 'This token is not the admin token.' : res.message,
          };
        },
        (key, token) => unlocked(key, token),
      ),
    );
    updated.textContent = '';
    body.querySelector<HTMLInputElement>('#admin-token')?.focus();
  };

  const unlocked = (key: string, token: string) => {
    let choice: RangeChoice = { preset: '24h' };
    let last: { report: Report; model: ModelState } | undefined;
    let manifestOf: { version: string; manifest?: ModelManifest } | undefined;
    const sections = h('div', { class: 'sections' });
    const draw = () => {
      try {
        if (last) renderReport(sections, last.report, last.model, Date.now());
      } catch (e) {
        say(`Could not draw the report: ${String(e)}`);
      }
    };
    const loadModel = async (): Promise<ModelState> => {
      const [active, retrains] = await Promise.all([fetchActiveModel(token, key), fetchRetrains(token, key)]);
      if (!active.ok)
        return {
          kind: 'none',
          message: active.code === 'no_model' ? 'No model has been published yet.' : active.message,
        };
      // A version's manifest never changes: read it once per version.
      if (manifestOf?.version !== active.value.version) {
        const m = await fetchManifest(token, key, active.value.version);
        manifestOf = { version: active.value.version, manifest: m.ok ? m.value : undefined };
      }
      const retrain = retrains.ok ? retrains.value.retrains[0] : undefined;
      return { kind: 'active', active: active.value, manifest: manifestOf.manifest, retrain };
    };
    const poll = async () => {
      const range = resolveRange(choice, Date.now());
      const [report, model] = await Promise.all([fetchReport(token, key, range.from, range.to), loadModel()]);
      if (!report.ok) {
        if (report.status === 401) return lock('The admin token was refused: enter it again.');
        return say(`Could not update (the numbers shown are older): ${report.message}`);
      }
      say('');
      last = { report: report.value, model };
      draw();
      const live = isLive(choice, Date.now());
      updated.textContent = `Site ${report.value.site} · updated ${formatTime(report.value.generatedAt, 'second')}${live ? ` · live, every ${POLL_MS / 1000} s` : ''}`;
    };
    let stop = startPolling(poll, POLL_MS, browserHost());
    const restart = () => {
      stop();
      stop = startPolling(poll, POLL_MS, browserHost());
    };
    const lock = (why = 'Token forgotten.') => {
      stop();
      removeEventListener('resize', onResize);
      locked(why);
    };
    let frame = 0;
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(draw);
    };
    addEventListener('resize', onResize);
    document.title = `Dashboard · ${key}`;
    body.replaceChildren(
      h(
        'div',
        { class: 'toolbar' },
        rangePicker(choice, Date.now(), (c) => {
          choice = c;
          restart();
        }),
        h('button', { type: 'button', class: 'link', onclick: () => lock() }, 'Forget the token'),
      ),
      // Outside the redrawn sections, so a focused link keeps its focus through every poll.
      h(
        'nav',
        { class: 'jump', 'aria-label': 'Sections' },
        SECTIONS.map(([id, label]) => h('a', { href: `#${id}` }, label)),
      ),
      sections,
    );
    say('Loading the report…');
  };

  locked();
}
