/**
 * The panel's item list: pages of `GET /v1/catalog/items` (cursor paging, Previous / Next), or the
 * items whose id or title contains a search text. The API has no search, so a search walks the
 * catalogue in its largest pages (3 requests for the demo's 3,000 items) and shows the first matches.
 */
import type { CatalogItem } from '../../../../contracts/catalog.ts';
import { MAX_PAGE_SIZE } from '../../../../contracts/catalog.ts';
import { h } from '../dom.ts';
import { listItems } from './catalog-api.ts';
import { itemRow, type RowContext } from './item-row.ts';

const PAGE_SIZE = 20;

/** The list with its search box and pager; `search(text)` also runs from outside (after an add). */
export function itemList(ctx: RowContext): { element: HTMLElement; search(query: string): Promise<void> } {
  const list = h('ul', { class: 'admin-items', 'aria-label': 'Catalogue items' });
  const summary = h('p', { class: 'muted' });
  const query = h('input', { id: 'admin-search', type: 'search', autocomplete: 'off' });
  const prev = h('button', { type: 'button' }, '← Previous');
  const next = h('button', { type: 'button' }, 'Next →');
  const cursors: (string | undefined)[] = [undefined]; // cursors[i] loads page i
  let page = 0;
  let rows = 0; // element ids stay unique across redraws

  const draw = (items: CatalogItem[], text: string) => {
    list.replaceChildren(...items.map((item) => itemRow(item, rows++, ctx)));
    summary.textContent = text;
    ctx.status.textContent = text;
  };

  async function loadPage(n: number): Promise<void> {
    const res = await listItems(ctx.token(), PAGE_SIZE, cursors[n]);
    if (!res.ok) {
      ctx.status.textContent = `Could not load items: ${res.message}`;
      return;
    }
    page = n;
    if (res.value.cursor) cursors[n + 1] = res.value.cursor;
    prev.disabled = n === 0;
    next.disabled = !res.value.cursor;
    draw(res.value.items, `Page ${n + 1}: ${res.value.items.length} items.`);
  }

  async function search(text: string): Promise<void> {
    query.value = text;
    const q = text.trim().toLowerCase();
    if (!q) return loadPage(0);
    const found: CatalogItem[] = [];
    let cursor: string | undefined;
    do {
      const res = await listItems(ctx.token(), MAX_PAGE_SIZE, cursor);
      if (!res.ok) {
        ctx.status.textContent = `Search failed: ${res.message}`;
        return;
      }
      for (const item of res.value.items)
        if (item.id.toLowerCase().includes(q) || item.title.toLowerCase().includes(q)) found.push(item);
      cursor = res.value.cursor;
    } while (cursor && found.length < PAGE_SIZE);
    prev.disabled = next.disabled = true;
    const more = found.length > PAGE_SIZE ? ` (first ${PAGE_SIZE} shown)` : '';
    draw(found.slice(0, PAGE_SIZE), `${found.length} items match “${text.trim()}”${more}.`);
  }

  const form = h(
    'form',
    { class: 'inline-form', role: 'search' },
    h('label', { for: query.id }, 'Search by id or title'),
    query,
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search(query.value);
  });
  prev.addEventListener('click', () => void loadPage(page - 1));
  next.addEventListener('click', () => void loadPage(page + 1));
  void loadPage(0);
  const element = h(
    'section',
    { class: 'admin-list', 'aria-labelledby': 'items-heading' },
    h('h2', { id: 'items-heading' }, 'Items'),
    form,
    summary,
    list,
    h('nav', { class: 'pager', 'aria-label': 'Item pages' }, prev, next),
  );
  return { element, search };
}
