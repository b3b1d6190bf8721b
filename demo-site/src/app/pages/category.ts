/** A department page: its products (sorted, paged) and recommendations within the department. */
import { categoryPath } from '../../catalogue/catalogue.ts';
import { categoryBySlug } from '../../catalogue/categories.ts';
import { productGrid, recSlot } from '../components.ts';
import { h } from '../dom.ts';
import { track } from '../rec.ts';
import type { Store } from '../store.ts';
import { notFoundPage } from './not-found.ts';

const PAGE_SIZE = 24;
const SORTS: Record<
  string,
  { label: string; compare?: (a: { price: number }, b: { price: number }) => number }
> = {
  featured: { label: 'Featured' },
  'price-asc': { label: 'Price, low to high', compare: (a, b) => a.price - b.price },
  'price-desc': { label: 'Price, high to low', compare: (a, b) => b.price - a.price },
};

/** Render `/category?c=&sort=&page=`. */
export function categoryPage(store: Store, slug: string, query: URLSearchParams): Node {
  const category = categoryBySlug(slug);
  if (!category) return notFoundPage();
  const sort = Object.hasOwn(SORTS, query.get('sort') ?? '') ? query.get('sort')! : 'featured';
  const all = [...(store.byCategory.get(slug) ?? [])];
  const compare = SORTS[sort].compare;
  if (compare) all.sort(compare);
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1));
  const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  // No `products` list: the products on a list page were not viewed, only the department was.
  track('Product List Viewed', { list_id: slug, category: slug });

  const link = (p: number, s = sort) => `${categoryPath(slug)}&sort=${s}&page=${p}`;
  return h(
    'div',
    { class: 'page category' },
    h(
      'nav',
      { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '/' }, 'Home'),
      ' / ',
      category.name,
    ),
    h('h1', {}, category.name),
    h(
      'div',
      { class: 'toolbar' },
      h('span', { class: 'muted' }, `${all.length} products`),
      h(
        'nav',
        { class: 'sorts', 'aria-label': 'Sort' },
        Object.entries(SORTS).map(([key, s]) =>
          h('a', { href: link(1, key), 'aria-current': key === sort ? 'true' : undefined }, s.label),
        ),
      ),
    ),
    recSlot('Recommended for you', { placement: 'home', k: 4 }),
    productGrid(shown, `${category.name} products`),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? h('a', { href: link(page - 1), rel: 'prev' }, '← Previous') : null,
      h('span', {}, `Page ${page} of ${pages}`),
      page < pages ? h('a', { href: link(page + 1), rel: 'next' }, 'Next →') : null,
    ),
    recSlot(`More ${category.name.toLowerCase()} picked for you`, {
      placement: 'home',
      k: 4,
      category: slug,
    }),
  );
}
