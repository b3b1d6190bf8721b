/**
 * A tiny element builder. Strings always become text nodes, never HTML: product data (which a
 * shop's feed controls) can never inject markup into the page.
 */

// The dashboard's builder (same rule: strings become text nodes, never HTML), not a copy of it.
export { h } from '../../../dashboard/src/dom.ts';

/** Replace everything inside `parent` with `children`. */
export function mount(parent: Element, ...children: (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/** Format a price in the shop currency. */
export function money(value: number): string {
  return value.toLocaleString('en-IE', { style: 'currency', currency: 'EUR' });
}
