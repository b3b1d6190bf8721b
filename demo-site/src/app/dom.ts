/**
 * A tiny element builder. Strings always become text nodes, never HTML: product data (which a
 * shop's feed controls) can never inject markup into the page.
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

/** Replace everything inside `parent` with `children`. */
export function mount(parent: Element, ...children: (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/** Format a price in the shop currency. */
export function money(value: number): string {
  return value.toLocaleString('en-IE', { style: 'currency', currency: 'EUR' });
}
