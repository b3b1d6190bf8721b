/**
 * Site-wide experiment figures on "under the hood": `GET /v1/experiments/:name` needs the admin
 * token, which the owner pastes here; it is kept in this variable only, never stored.
 */
import { h } from '../dom.ts';
import { barChart } from '../hood/plots.ts';
import { rec } from '../rec.ts';

interface VariantStats {
  impressions: number;
  clicks: number;
  ctr?: number;
}

/** Read per-variant stats from the experiments answer, whatever its exact nesting. */
function variantsOf(body: unknown): [string, VariantStats][] {
  const root = (body as { variants?: unknown } | null)?.variants ?? body;
  const list = Array.isArray(root)
    ? root.map((v) => [
        String((v as { name?: unknown; variant?: unknown }).name ?? (v as { variant?: unknown }).variant),
        v,
      ])
    : Object.entries((root as Record<string, unknown>) ?? {});
  return list
    .filter(([, v]) => typeof (v as VariantStats)?.impressions === 'number')
    .map(([name, v]) => [name as string, v as VariantStats]);
}

/** The admin panel: experiment name + token → CTR per variant from the edge's event stream. */
export function experimentPanel(): HTMLElement {
  const out = h('div', { class: 'experiment-out', 'aria-live': 'polite' });
  const name = h('input', { name: 'experiment', value: 'home-diversity', 'aria-label': 'Experiment name' });
  const token = h('input', {
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    'aria-label': 'Admin token',
  });
  const form = h('form', { class: 'inline-form' }, name, token, h('button', { type: 'submit' }, 'Load'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    out.textContent = 'Loading…';
    try {
      const key = rec()?.context?.().key ?? 'demo';
      const url = `/v1/experiments/${encodeURIComponent(name.value.trim())}?key=${encodeURIComponent(key)}`;
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${token.value}` },
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const message = (body as { error?: { message?: string } } | null)?.error?.message;
        out.textContent = `The edge answered ${res.status}${message ? `: ${message}` : ''}`;
        return;
      }
      const bars = variantsOf(body).map(([variant, s]) => {
        const ctr = s.ctr ?? (s.impressions ? s.clicks / s.impressions : 0);
        return {
          label: variant,
          value: ctr,
          note: `${s.clicks} / ${s.impressions} · ${(100 * ctr).toFixed(1)}%`,
        };
      });
      out.replaceChildren(barChart(bars, 'Click-through rate per variant, all sessions'));
    } catch {
      out.textContent = 'Could not reach the edge.';
    }
  });
  return h(
    'section',
    {},
    h('h2', {}, 'Click-through per variant (all sessions, admin)'),
    h(
      'p',
      { class: 'muted' },
      'Paste the admin token (ADMIN_TOKEN in .dev.vars for npm start). It is not stored.',
    ),
    form,
    out,
  );
}
