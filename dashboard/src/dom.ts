/**
 * A tiny element builder for the dashboard. Strings always become text nodes, never HTML; the only
 * markup inserted as text is a chart from `plots/` (built with every value escaped).
 */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

/** Create an element with attributes (`on*` keys become listeners) and text or node children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
  return el;
}

/** A chart (SVG text from `plots/`, every value in it escaped) as a node. */
export function svgNode(markup: string): Node {
  const t = document.createElement('template');
  t.innerHTML = markup;
  return t.content;
}

/** A table of `rows` under `head`, with a caption: the numbers behind a chart, for every reader. */
export function table(caption: string, head: string[], rows: (string | number)[][]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
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
          r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))),
        ),
      ),
    ),
  );
}

/** A chart with its title and, one click (or Enter) away, the same numbers as a table. */
export function figure(title: string, chart: string, data: HTMLTableElement, legend?: Node): HTMLElement {
  return h(
    'figure',
    { class: 'plot' },
    h('figcaption', {}, title),
    legend,
    h('div', { class: 'plot-svg' }, svgNode(chart)),
    h('details', {}, h('summary', {}, 'Show as a table'), data),
  );
}

/** A legend for charts whose series are coloured and dashed by class `series-<i>`. */
export function legend(labels: string[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    labels.map((l, i) => h('li', {}, h('span', { class: `swatch series-${i}`, 'aria-hidden': 'true' }), l)),
  );
}
