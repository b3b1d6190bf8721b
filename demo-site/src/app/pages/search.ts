/** Search results: products whose title or department matches every word of the query. */
import { productGrid, recSlot } from '../components.ts';
import { h } from '../dom.ts';
import { track } from '../rec.ts';
import type { Store } from '../store.ts';

const MAX_RESULTS = 48;

/** Render `/search?q=`. */
export function searchPage(store: Store, query: URLSearchParams): Node {
  const q = (query.get('q') ?? '').trim().slice(0, 100);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = words.length
    ? store.products.filter((p) => {
        const text = `${p.title} ${p.category}`.toLowerCase();
        return words.every((w) => text.includes(w));
      })
    : [];
  if (q) track('Products Searched', { query: q });
  return h(
    'div',
    { class: 'page search' },
    h('h1', {}, q ? `Results for “${q}”` : 'Search'),
    h(
      'p',
      { class: 'muted' },
      q ? `${hits.length} products` : 'Type a product or department in the search box.',
    ),
    productGrid(hits.slice(0, MAX_RESULTS), 'Search results'),
    recSlot('Recommended for you', { placement: 'home', k: 4 }),
  );
}
