/**
 * What one generated shopper does after seeing a recommendation widget: impressions of the cards,
 * perhaps a click (`rec_click` with the answer's `recId`), an add to cart and an order whose lines
 * carry `product_id, price, quantity` — sometimes with a second line the widget did not suggest, so
 * the dashboard has attributed and unattributed revenue. Pure and seeded. Every variant of an
 * experiment gets the same rates: the demo's experiment is an honest A/A test.
 */
import type { Random } from '../src/catalogue/random.ts';
import type { WireEvent } from './post-events.ts';

/** What the shopper was shown (the fields of a `RecommendationResponse` it uses). */
export interface ShownAnswer {
  recId: string;
  placement: string;
  variant?: string;
  items: { id: string }[];
}

/** Chances of each step, given the one before. */
export const SHOPPER_RATES = {
  /** A shown card is clicked (one click at most per shopper). */
  click: 0.35,
  /** The clicked item goes to the cart. */
  cart: 0.55,
  /** The cart is ordered. */
  order: 0.65,
  /** The order also holds an item the shopper viewed before (not from the widget). */
  secondLine: 0.5,
  /** A shopper who saw no widget orders something viewed. */
  orderWithoutWidget: 0.06,
};

/** Cards a widget shows (impressions). */
const SHOWN = 4;

interface Step {
  type: string;
  itemId?: string;
  props?: Record<string, unknown>;
}

/**
 * The events of one shopper, `idPrefix`-numbered, from `after` on (seconds apart, never after `now`).
 * `answer` undefined: the shopper saw no widget. `priceOf` gives a product's price (EUR).
 */
export function shopperEvents(o: {
  idPrefix: string;
  answer?: ShownAnswer;
  viewed: string[];
  after: number;
  now: number;
  priceOf: (id: string) => number;
  random: Random;
}): WireEvent[] {
  const steps: Step[] = [];
  const line = (id: string) => ({
    product_id: id,
    price: o.priceOf(id),
    quantity: 1 + Math.floor(o.random() * 2),
  });
  const order = (lines: ReturnType<typeof line>[]) =>
    steps.push({
      type: 'purchase',
      props: {
        order_id: `${o.idPrefix}-order`,
        currency: 'EUR',
        revenue: Math.round(lines.reduce((s, l) => s + l.price * l.quantity, 0) * 100) / 100,
        products: lines,
      },
    });
  const shown = o.answer?.items.slice(0, SHOWN) ?? [];
  if (o.answer && shown.length > 0) {
    const { recId, placement, variant } = o.answer;
    const meta = (id: string, position: number) => ({
      product_id: id,
      recId,
      placement,
      position,
      ...(variant ? { variant } : {}),
    });
    steps.push(
      ...shown.map((item, position) => ({
        type: 'impression',
        itemId: item.id,
        props: meta(item.id, position),
      })),
    );
    if (o.random() < SHOPPER_RATES.click) {
      const position = Math.floor(o.random() * shown.length);
      const clicked = shown[position]!.id;
      steps.push({ type: 'rec_click', itemId: clicked, props: meta(clicked, position) });
      if (o.random() < SHOPPER_RATES.cart) {
        const carted = line(clicked);
        steps.push({ type: 'cart_add', itemId: clicked, props: carted });
        if (o.random() < SHOPPER_RATES.order) {
          const other = o.viewed.find((id) => id !== clicked);
          order(other && o.random() < SHOPPER_RATES.secondLine ? [carted, line(other)] : [carted]);
        }
      }
    }
  } else if (o.viewed.length > 0 && o.random() < SHOPPER_RATES.orderWithoutWidget) {
    const item = o.viewed[o.viewed.length - 1]!;
    const carted = line(item);
    steps.push({ type: 'cart_add', itemId: item, props: carted });
    order([carted]);
  }
  return steps.map((s, i) => ({
    id: `${o.idPrefix}-${i}`,
    ts: Math.min(o.now, o.after + (i + 1) * 7_000),
    ...s,
  }));
}
