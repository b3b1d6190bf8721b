/** Checkout: a (pretend) delivery form, the order summary and a confirmation. */
import { cartLines, clearCart } from '../cart.ts';
import { recSlot } from '../components.ts';
import { h, money } from '../dom.ts';
import { track } from '../rec.ts';
import type { Store } from '../store.ts';

/** Render `/checkout`. */
export function checkoutPage(store: Store): Node {
  const lines = cartLines().filter(([id]) => store.byId.has(id));
  const products = lines.map(([id, quantity]) => ({
    product_id: id,
    quantity,
    price: store.byId.get(id)!.price,
  }));
  const total = products.reduce((s, p) => s + p.price * p.quantity, 0);
  const page = h('div', { class: 'page checkout' }, h('h1', {}, 'Checkout'));
  if (lines.length === 0) {
    page.append(h('p', {}, 'Your cart is empty. '), h('a', { href: '/' }, 'Continue shopping'));
    return page;
  }
  track('Checkout Started', { value: total, currency: 'EUR', products });
  const field = (label: string, name: string, type = 'text') =>
    h('label', {}, label, h('input', { name, type, required: true, autocomplete: name }));
  const form = h(
    'form',
    { class: 'checkout-form' },
    field('Name', 'name'),
    field('Email', 'email', 'email'),
    field('Street and number', 'street-address'),
    field('Postcode and city', 'address-level2'),
    h('p', { class: 'muted' }, 'This is a demo: no payment is taken and nothing is shipped.'),
    h('button', { class: 'primary', type: 'submit' }, `Place order · ${money(total)}`),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const orderId = `o-${Date.now().toString(36)}`;
    track('Order Completed', { order_id: orderId, revenue: total, currency: 'EUR', products });
    clearCart();
    page.replaceChildren(
      h('h1', {}, 'Thank you!'),
      h('p', {}, `Order ${orderId} is confirmed (${money(total)}).`),
      recSlot('Popular right now', { placement: 'trending', k: 4 }),
    );
  });
  page.append(
    h(
      'div',
      { class: 'checkout-grid' },
      form,
      h(
        'aside',
        { class: 'summary' },
        h('h2', {}, 'Order summary'),
        h(
          'ul',
          {},
          lines.map(([id, qty]) => h('li', {}, `${qty} × ${store.byId.get(id)!.title}`)),
        ),
        h('p', { class: 'total' }, 'Total ', h('strong', {}, money(total))),
      ),
    ),
    recSlot('Popular right now', { placement: 'trending', k: 4 }),
  );
  return page;
}
