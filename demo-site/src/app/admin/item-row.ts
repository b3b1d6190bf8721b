/**
 * One catalogue item in the panel: its title and price (edited together, saved with a `PATCH` of the
 * changed fields), an "In stock" switch that saves at once, and delete. Input is checked with the
 * catalogue contract's own validator before it is sent; the API's answer has the last word.
 */
import type { CatalogItem, CatalogItemInput } from '../../../../contracts/catalog.ts';
import { MAX_PRICE, MAX_TITLE_LENGTH } from '../../../../contracts/catalog.ts';
import { parseCatalogPatch } from '../../../../contracts/schema/catalog-item.ts';
import { h, money } from '../dom.ts';
import { deleteItem, patchItem } from './catalog-api.ts';
import { clearIssues, field, showIssue } from './fields.ts';

/** What a row needs from the panel. */
export interface RowContext {
  token(): string;
  /** The panel's live region. */
  status: HTMLElement;
  /** An acknowledged write changed `ids`. */
  changed(ids: string[]): void;
}

/** The row of `item`; `n` makes its element ids unique on the page. */
export function itemRow(item: CatalogItem, n: number, ctx: RowContext): HTMLLIElement {
  let current = item;
  const fields = {
    title: field(
      'Title',
      h('input', { id: `item-${n}-title`, value: item.title, maxlength: MAX_TITLE_LENGTH, required: true }),
    ),
    price: field(
      'Price (EUR)',
      h('input', {
        id: `item-${n}-price`,
        type: 'number',
        step: '0.01',
        min: 0,
        max: MAX_PRICE,
        value: item.price ?? '',
        inputmode: 'decimal',
      }),
    ),
  };
  const stock = h('input', { type: 'checkbox', id: `item-${n}-stock`, checked: item.inStock });
  const save = h('button', { type: 'submit' }, 'Save');
  const remove = h('button', { type: 'button', class: 'link danger' }, 'Delete');
  const form = h(
    'form',
    { class: 'item-form', 'aria-label': `Item ${item.id}`, novalidate: true },
    fields.title.wrap,
    fields.price.wrap,
    save,
    h('span', { class: 'field stock-field' }, stock, h('label', { for: stock.id }, 'In stock')),
    remove,
  );
  const row = h(
    'li',
    { class: 'admin-item', 'data-item-id': item.id },
    h('img', { src: item.image ?? '', alt: '', width: 48, height: 48 }),
    h(
      'span',
      { class: 'item-meta' },
      h('code', {}, item.id),
      ' ',
      h('span', { class: 'muted' }, item.category ?? ''),
    ),
    form,
  );

  const busy = async <T>(work: () => Promise<T>): Promise<T> => {
    for (const b of [save, remove, stock]) b.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      return await work();
    } finally {
      for (const b of [save, remove, stock]) b.disabled = false;
      form.removeAttribute('aria-busy');
    }
  };

  /** Send a patch already validated; true when the store took it. */
  const send = (patch: Partial<CatalogItemInput>) =>
    busy(async () => {
      const res = await patchItem(ctx.token(), current.id, patch);
      if (!res.ok) {
        showIssue(fields, res, ctx.status);
        return false;
      }
      if (res.value.item) current = res.value.item;
      ctx.changed([current.id]);
      return true;
    });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearIssues(fields);
    const patch: Partial<CatalogItemInput> = {};
    if (fields.title.input.value !== current.title) patch.title = fields.title.input.value;
    const price = fields.price.input.valueAsNumber;
    // An emptied field is NaN, which the contract refuses: every card of the shop shows a price.
    const unpriced = Number.isNaN(price) && current.price === undefined;
    if (!unpriced && price !== current.price) patch.price = price;
    if (Object.keys(patch).length === 0) {
      ctx.status.textContent = `Nothing to save for ${current.id}.`;
      return;
    }
    const parsed = parseCatalogPatch(patch);
    if (!parsed.ok) return void showIssue(fields, parsed.issue, ctx.status);
    if (await send(patch))
      ctx.status.textContent = `Saved ${current.id}: ${current.title}, ${money(current.price ?? 0)}. Widgets refresh.`;
  });

  stock.addEventListener('change', async () => {
    const inStock = stock.checked;
    if (await send({ inStock }))
      ctx.status.textContent = `${current.id} is ${inStock ? 'in stock again' : 'now out of stock'}. Widgets refresh.`;
    else stock.checked = current.inStock;
  });

  remove.addEventListener('click', async () => {
    if (!confirm(`Delete ${current.id} (${current.title}) from the catalogue?`)) return;
    const res = await busy(() => deleteItem(ctx.token(), current.id));
    if (!res.ok) return void showIssue(fields, res, ctx.status);
    // Focus moves to the next row (or the previous one) rather than getting lost with this one.
    const neighbour = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector('input');
    row.remove();
    neighbour?.focus();
    ctx.status.textContent = `Deleted ${current.id}. Widgets refresh.`;
    ctx.changed([current.id]);
  });
  return row;
}
