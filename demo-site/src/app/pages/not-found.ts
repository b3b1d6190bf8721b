/** The page for unknown paths, products and departments. */
import { h } from '../dom.ts';

/** Render a friendly 404. */
export function notFoundPage(): Node {
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, 'Not found'),
    h('p', {}, 'That page does not exist (any more). '),
    h('a', { href: '/' }, 'Back to the shop'),
  );
}
