/** What every section needs besides the report: the chart width, the clock, the reader's locale. */
import { h } from '../dom.ts';

export interface ViewContext {
  /** Width for charts, px: the section's own, so text in them stays legible on a phone. */
  width: number;
  now: number;
  locale: string;
  /** Undefined: the browser's zone. */
  timeZone?: string;
}

/** A section with its heading; `id` names it (in-page links, and what a redraw keeps open). */
export function section(
  id: string,
  title: string,
  ...children: (Node | null | undefined | false)[]
): HTMLElement {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...children,
  );
}

/** One headline figure. */
export function stat(label: string, value: string, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'stat' },
    h('span', { class: 'stat-label' }, label),
    h('strong', { class: 'stat-value' }, value),
    note ? h('span', { class: 'stat-note' }, note) : null,
  );
}

/** A row of headline figures. */
export const stats = (...tiles: HTMLElement[]): HTMLElement => h('div', { class: 'stats' }, ...tiles);
