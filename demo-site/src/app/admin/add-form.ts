/**
 * The panel's "Add a product" form: id, title, department, price and one of the department's
 * generated images; sent as a whole item (`PUT`), in stock, linking to its product page. Checked
 * with the contract's validator first, so the form and the API refuse the same things.
 */
import { type CatalogItemInput, MAX_PRICE, MAX_TITLE_LENGTH } from '../../../../contracts/catalog.ts';
import { MAX_ITEM_ID_LENGTH } from '../../../../contracts/limits.ts';
import { parseCatalogItem } from '../../../../contracts/schema/catalog-item.ts';
import { IMAGE_VARIANTS, imagePath, productPath } from '../../catalogue/catalogue.ts';
import { CATEGORIES } from '../../catalogue/categories.ts';
import { h, money } from '../dom.ts';
import { putItem } from './catalog-api.ts';
import { clearIssues, field, showIssue } from './fields.ts';
import type { RowContext } from './item-row.ts';

/** The form; `added(item id)` hears every product the store took. */
export function addProductForm(ctx: RowContext, added: (id: string) => void): HTMLElement {
  const category = h(
    'select',
    { id: 'new-category' },
    CATEGORIES.map((c) => h('option', { value: c.slug }, c.name)),
  );
  const image = h('select', { id: 'new-image' });
  const preview = h('img', { alt: '', width: 64, height: 64, class: 'new-preview' });
  const images = () => {
    image.replaceChildren(
      ...Array.from({ length: IMAGE_VARIANTS }, (_, v) =>
        h('option', { value: imagePath({ category: category.value, variant: v }) }, `Picture ${v + 1}`),
      ),
    );
    preview.src = image.value;
  };
  category.addEventListener('change', images);
  image.addEventListener('change', () => {
    preview.src = image.value;
  });
  images();
  const fields = {
    id: field('Item id', h('input', { id: 'new-id', maxlength: MAX_ITEM_ID_LENGTH, autocomplete: 'off' })),
    title: field('Title', h('input', { id: 'new-title', maxlength: MAX_TITLE_LENGTH })),
    category: field('Department', category),
    price: field(
      'Price (EUR)',
      h('input', {
        id: 'new-price',
        type: 'number',
        step: '0.01',
        min: 0,
        max: MAX_PRICE,
        inputmode: 'decimal',
      }),
    ),
    image: field('Image', image),
  };
  const form = h(
    'form',
    { class: 'add-form', 'aria-labelledby': 'add-heading', novalidate: true },
    h('h2', { id: 'add-heading' }, 'Add a product'),
    Object.values(fields).map((f) => f.wrap),
    preview,
    h('button', { type: 'submit', class: 'primary' }, 'Add product'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearIssues(fields);
    const id = fields.id.input.value.trim();
    const body: CatalogItemInput = {
      title: fields.title.input.value,
      category: category.value,
      price: fields.price.input.valueAsNumber,
      currency: 'EUR',
      image: image.value,
      url: productPath(id),
      inStock: true,
    };
    const parsed = parseCatalogItem(id, body);
    if (!parsed.ok) return void showIssue(fields, parsed.issue, ctx.status);
    const button = form.querySelector('button')!;
    button.disabled = true;
    const res = await putItem(ctx.token(), id, body).finally(() => {
      button.disabled = false;
    });
    if (!res.ok) return void showIssue(fields, res, ctx.status);
    ctx.status.textContent = `Added ${id}: ${parsed.value.title}, ${money(parsed.value.price ?? 0)}. Widgets refresh.`;
    ctx.changed([id]);
    added(id);
    form.reset();
    images();
  });
  return form;
}
