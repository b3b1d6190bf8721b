/**
 * `/admin/catalogue`: the shop owner's catalogue panel, behind the admin token. Mark a product out
 * of stock, change a price or title, delete, add one; every acknowledged write refreshes the
 * widgets on this page and in the storefront's other tabs (catalogue-sync.ts).
 */

import { addProductForm } from '../admin/add-form.ts';
import { listItems } from '../admin/catalog-api.ts';
import { field, showIssue } from '../admin/fields.ts';
import { itemList } from '../admin/item-list.ts';
import { adminToken, setAdminToken } from '../admin/token.ts';
import { announceCatalogueChange } from '../catalogue-sync.ts';
import { recSlot } from '../components.ts';
import { h } from '../dom.ts';

/** Render `/admin/catalogue`. */
export function catalogueAdminPage(): Node {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const body = h('div', {});
  const page = h(
    'div',
    { class: 'page admin' },
    h('h1', {}, 'Catalogue'),
    h(
      'p',
      { class: 'muted' },
      'Changes go to the catalogue API and reach the recommendations at once; widgets in this ',
      'browser’s other storefront tabs refresh by themselves.',
    ),
    status,
    body,
  );
  const unlocked = () => {
    const token = adminToken();
    if (token) body.replaceChildren(...panel(token, status, lock));
    else body.replaceChildren(unlockForm(status, unlocked));
  };
  const lock = () => {
    setAdminToken(undefined);
    status.textContent = 'Token forgotten.';
    unlocked();
  };
  unlocked();
  return page;
}

/** Asks for the token and checks it with one small read before keeping it. */
function unlockForm(status: HTMLElement, done: () => void): HTMLElement {
  const token = field(
    'Admin token',
    h('input', { id: 'admin-token', type: 'password', autocomplete: 'off', required: true }),
  );
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Unlock the catalogue' },
    token.wrap,
    h('button', { type: 'submit', class: 'primary' }, 'Unlock'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await listItems(token.input.value, 1);
    if (!res.ok) return void showIssue({ token }, { path: 'token', message: res.message }, status);
    setAdminToken(token.input.value);
    status.textContent = 'Unlocked for this tab.';
    done();
  });
  return h(
    'section',
    {},
    h(
      'p',
      {},
      'Paste the admin token (ADMIN_TOKEN in .dev.vars for npm start). It is kept for this tab only ',
      '(sessionStorage): closing the tab forgets it.',
    ),
    form,
  );
}

function panel(token: string, status: HTMLElement, lock: () => void): Node[] {
  const preview = h('div', { class: 'admin-preview' });
  const ctx = {
    token: () => token,
    status,
    changed: (ids: string[]) => announceCatalogueChange(ids),
  };
  const list = itemList(ctx);
  const added = (id: string) => {
    // The storefront's own pages read the built catalogue.json, which has no page for a new product;
    // the edge already recommends it: show what shoppers will see beside it.
    preview.replaceChildren(
      recSlot(`Similar to ${id}, as shoppers see it`, { placement: 'product', k: 4, item: id }),
    );
    void list.search(id);
  };
  return [
    h('button', { type: 'button', class: 'link', onclick: lock }, 'Forget the token'),
    list.element,
    addProductForm(ctx, added),
    preview,
    recSlot('Trending now', { placement: 'trending', k: 4 }),
  ];
}
