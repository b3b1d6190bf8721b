/** Purchase events: their lines are read as the report counts them, malformed ones refuse the batch naming the field. */
import { describe, expect, it } from 'vitest';
import { orderLines } from '../../../contracts/order-lines.ts';
import { parseEventBatch } from '../../../contracts/schema/events.ts';
import { T0 } from '../helpers.ts';

const batch = (type: string, props: unknown) => ({
  sessionId: 's_12345678',
  consent: { analytics: true, personalization: true },
  events: [
    { id: 'e_00000000', type: 'view', ts: T0, itemId: 'x' },
    { id: 'e_00000001', type, ts: T0, props },
  ],
});

describe('order lines', () => {
  it('reads Segment products[] and GA4 items[] with price, quantity (default 1) and currency', () => {
    expect(
      orderLines({ currency: 'EUR', products: [{ product_id: 'a', price: 2.5, quantity: 3, name: 'A' }] }),
    ).toEqual({
      currency: 'EUR',
      lines: [{ item: 'a', price: 2.5, quantity: 3 }],
    });
    expect(orderLines({ items: [{ item_id: 'b' }] })).toEqual({
      currency: '',
      lines: [{ item: 'b', price: 0, quantity: 1 }],
    });
    expect(
      parseEventBatch(batch('purchase', { currency: 'USD', items: [{ item_id: 'b', price: 9 }] })).ok,
    ).toBe(true);
    expect(parseEventBatch(batch('Order Completed', { products: [{ product_id: 'p1' }] })).ok).toBe(true);
  });

  it.each([
    [
      'Order Completed',
      { products: [{ product_id: 'a' }, { product_id: 'b', quantity: 0 }] },
      'events.1.props.products.1.quantity',
    ],
    ['Order Completed', { products: [{ price: 3 }] }, 'events.1.props.products.0.product_id'],
    ['Order Completed', { products: 'a,b' }, 'events.1.props.products'],
    ['purchase', { items: [{ item_id: 'a', price: -1 }] }, 'events.1.props.items.0.price'],
    ['purchase', { currency: 'euro', items: [] }, 'events.1.props.currency'],
  ])('%s %o: 400 naming %s', (type, props, path) => {
    const parsed = parseEventBatch(batch(type, props));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ code: 'invalid_body', path });
  });

  it('leaves other events alone: products on a cart add are not checked as an order', () => {
    expect(parseEventBatch(batch('cart_add', { products: [{ price: 'n/a' }] })).ok).toBe(true);
  });
});
