/** The cart page: lines with quantities, total, checkout link, recommendations for the cart. */
import { imagePath, productPath } from '../../catalogue/catalogue.ts';
import { cartLines, onCartChange, setQuantity } from '../cart.ts';
import { recSlot } from '../components.ts';
import { h, money } from '../dom.ts';
import { track } from '../rec.ts';
import type { Store } from '../store.ts';

/** Render `/cart`; the lines re-render on every cart change while the page is shown. */
export function cartPage(store: Store): Node {
  const body = h('div', { class: 'cart-body' });
  const draw = () => {
    const lines = cartLines().filter(([id]) => store.byId.has(id));
    if (lines.length === 0) {
      body.replaceChildren(h('p', {}, 'Your cart is empty. '), h('a', { href: '/' }, 'Continue shopping'));
      return;
    }
    let total = 0;
    const rows = lines.map(([id, qty]) => {
      const p = store.byId.get(id)!;
      total += p.price * qty;
      const change = (to: number, type: string) => () => {
        setQuantity(id, to);
        track(type, { product_id: id, price: p.price, quantity: Math.abs(to - qty) || qty });
      };
      return h(
        'li',
        { class: 'cart-line', 'data-product-id': id },
        h('img', { src: imagePath(p), alt: '', width: 64, height: 64 }),
        h('a', { href: productPath(id) }, p.title),
        h(
          'span',
          { class: 'qty-controls' },
          h(
            'button',
            { 'aria-label': `One less ${p.title}`, onclick: change(qty - 1, 'Product Removed') },
            '−',
          ),
          h('span', { 'aria-live': 'polite' }, String(qty)),
          h(
            'button',
            { 'aria-label': `One more ${p.title}`, onclick: change(qty + 1, 'Product Added') },
            '+',
          ),
        ),
        h('span', { class: 'line-total' }, money(p.price * qty)),
        h('button', { class: 'link', onclick: change(0, 'Product Removed') }, 'Remove'),
      );
    });
    body.replaceChildren(
      h('ul', { class: 'cart-lines' }, rows),
      h('p', { class: 'total' }, 'Total ', h('strong', {}, money(total))),
      h('a', { class: 'button primary', href: '/checkout' }, 'Checkout'),
    );
  };
  draw();
  const stop = onCartChange(() => (body.isConnected ? draw() : stop()));
  track('Cart Viewed', { products: cartLines().map(([id, quantity]) => ({ product_id: id, quantity })) });
  return h(
    'div',
    { class: 'page cart' },
    h('h1', {}, 'Your cart'),
    body,
    recSlot('Goes well with your cart', { placement: 'cart', k: 4 }),
  );
}
