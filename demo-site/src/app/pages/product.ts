/** A product page: details, add to cart, similar items and personal recommendations. */
import { categoryPath, departmentOf, imagePath } from '../../catalogue/catalogue.ts';

import { createRandom, hashString, pick } from '../../catalogue/random.ts';
import { addToCart } from '../cart.ts';
import { COMPACT_CARD_TEMPLATE, recSlot } from '../components.ts';
import { h, money } from '../dom.ts';
import { track } from '../rec.ts';
import type { Store } from '../store.ts';
import { notFoundPage } from './not-found.ts';

const BLURBS = [
  'Made to be used every day and to last for years.',
  'Designed in small batches with materials we would choose for ourselves.',
  'A customer favourite: simple, sturdy and good-looking.',
  'Tested by our team on weekends away and weekdays at home.',
];

/** Render `/product?id=`. */
export function productPage(store: Store, id: string): Node {
  const product = store.byId.get(id);
  if (!product) return notFoundPage();
  const category = departmentOf(product.category);
  track('Product Viewed', {
    product_id: product.id,
    name: product.title,
    category: product.category,
    price: product.price,
    currency: 'EUR',
  });
  const status = h('p', { class: 'status', role: 'status' });
  const quantity = h('input', { type: 'number', min: 1, max: 10, value: 1, id: 'qty', class: 'qty' });
  const onAdd = () => {
    const qty = Math.min(10, Math.max(1, Number.parseInt(quantity.value, 10) || 1));
    addToCart(product.id, qty);
    track('Product Added', {
      product_id: product.id,
      price: product.price,
      quantity: qty,
      category: product.category,
    });
    status.textContent = `Added ${qty} to your cart.`;
  };
  const random = createRandom(hashString(product.id));
  return h(
    'div',
    { class: 'page product' },
    h(
      'nav',
      { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '/' }, 'Home'),
      ' / ',
      h('a', { href: categoryPath(category.slug) }, category.name),
    ),
    h(
      'div',
      { class: 'product-main' },
      h('img', {
        src: imagePath(product),
        alt: product.title,
        width: 360,
        height: 360,
        class: 'product-image',
      }),
      h(
        'div',
        { class: 'product-info' },
        h('h1', {}, product.title),
        h('p', { class: 'price' }, money(product.price)),
        h(
          'p',
          { class: product.stock > 0 ? 'stock' : 'stock out' },
          product.stock > 0 ? `In stock (${product.stock} left)` : 'Sold out',
        ),
        h('p', {}, pick(BLURBS, random), ` Item ${product.id}, ${category.name}.`),
        h(
          'div',
          { class: 'buy' },
          h('label', { for: 'qty' }, 'Quantity'),
          quantity,
          h(
            'button',
            { class: 'primary', onclick: onAdd, disabled: product.stock === 0, 'data-action': 'add-to-cart' },
            'Add to cart',
          ),
        ),
        status,
      ),
    ),
    recSlot('Similar items', {
      placement: 'product',
      k: 6,
      item: product.id,
      template: COMPACT_CARD_TEMPLATE,
    }),
    recSlot('You might also like', { placement: 'home', k: 4 }),
  );
}
