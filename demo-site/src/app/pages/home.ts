/** The home page: a welcome, personal and trending recommendations, the departments. */
import { categoryPath } from '../../catalogue/catalogue.ts';
import { CATEGORIES } from '../../catalogue/categories.ts';
import { recSlot } from '../components.ts';
import { h } from '../dom.ts';
import type { Store } from '../store.ts';

/** Render the home page. */
export function homePage(store: Store): Node {
  return h(
    'div',
    { class: 'page home' },
    h(
      'section',
      { class: 'hero' },
      h('h1', {}, 'Well-made things, picked for you'),
      h(
        'p',
        {},
        `${store.products.length.toLocaleString('en')} products in ${CATEGORIES.length} departments.`,
      ),
    ),
    recSlot('Recommended for you', { placement: 'home', k: 8 }),
    recSlot('Trending now', { placement: 'trending', k: 8 }),
    h(
      'section',
      { class: 'departments' },
      h('h2', {}, 'Shop by department'),
      h(
        'ul',
        { class: 'grid departments-grid' },
        CATEGORIES.map((c) =>
          h(
            'li',
            { class: 'card' },
            h(
              'a',
              { href: categoryPath(c.slug) },
              h('img', { src: `/img/${c.slug}-0.svg`, alt: '', width: 160, height: 160, loading: 'lazy' }),
              h('span', { class: 'card-title' }, c.name),
              h('span', { class: 'muted' }, `${store.byCategory.get(c.slug)?.length ?? 0} products`),
            ),
          ),
        ),
      ),
    ),
  );
}
