/**
 * The lines of an order event (`purchase`): Segment `Order Completed` `props.products[]` with
 * `product_id, price, quantity`, GA4 `purchase` `props.items[]` with `item_id, price, quantity`,
 * and the order's `props.currency`. Checked when a batch is parsed (a malformed line refuses the
 * batch, 400 naming e.g. `events.0.props.products.1.price`), read by the report's attribution.
 */
import * as v from 'valibot';
import { ITEM_ID_PATTERN, MAX_ITEM_ID_LENGTH } from '../limits.ts';

/** One line as the report counts it; `price` 0 when the line had none, `quantity` 1 by default. */
export interface OrderLine {
  item: string;
  price: number;
  quantity: number;
}

/** An order's lines and its currency ('' when it sent none). */
export interface OrderLines {
  currency: string;
  lines: OrderLine[];
}

const lineId = (name: string) =>
  v.pipe(
    v.string(`${name} must be a string (the item id)`),
    v.minLength(1, `${name} must not be empty`),
    v.maxLength(MAX_ITEM_ID_LENGTH, `${name} must be at most ${MAX_ITEM_ID_LENGTH} characters`),
    v.regex(ITEM_ID_PATTERN, `${name} must be printable ASCII without spaces`),
  );

const PriceSchema = v.optional(
  v.pipe(v.number('price must be a number'), v.minValue(0, 'price must not be negative')),
);
const QuantitySchema = v.optional(
  v.pipe(
    v.number('quantity must be a number'),
    v.integer('quantity must be a whole number'),
    v.minValue(1, 'quantity must be at least 1'),
    v.maxValue(1_000_000, 'quantity must be at most 1000000'),
  ),
);

// Other fields (name, brand, sku...) are the shop's business: loose objects keep them.
const SegmentLineSchema = v.looseObject(
  { product_id: lineId('product_id'), price: PriceSchema, quantity: QuantitySchema },
  'each of products must be an object',
);
const Ga4LineSchema = v.looseObject(
  { item_id: lineId('item_id'), price: PriceSchema, quantity: QuantitySchema },
  'each of items must be an object',
);

/** The order-relevant part of a purchase's `props`; everything else in `props` passes untouched. */
export const OrderPropsSchema = v.looseObject({
  currency: v.optional(
    v.pipe(
      v.string('currency must be a string'),
      v.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code like EUR'),
    ),
  ),
  products: v.optional(v.array(SegmentLineSchema, 'products must be an array')),
  items: v.optional(v.array(Ga4LineSchema, 'items must be an array')),
});

/** The first problem with a purchase's `props` as `{ message, path }` (path relative to `props`), or undefined. */
export function orderPropsProblem(props: unknown): { message: string; path: string } | undefined {
  if (props === undefined) return undefined;
  const result = v.safeParse(OrderPropsSchema, props, { abortPipeEarly: true });
  if (result.success) return undefined;
  const issue = result.issues[0];
  return { message: issue.message, path: v.getDotPath(issue) ?? '' };
}

/** The lines of a purchase whose `props` passed `orderPropsProblem` (both lists, in order). */
export function orderLines(props: Record<string, unknown> | undefined): OrderLines {
  const lines: OrderLine[] = [];
  const add = (list: unknown, key: 'product_id' | 'item_id') => {
    if (!Array.isArray(list)) return;
    for (const entry of list as Record<string, unknown>[]) {
      const price = typeof entry.price === 'number' ? entry.price : 0;
      const quantity = typeof entry.quantity === 'number' ? entry.quantity : 1;
      lines.push({ item: entry[key] as string, price, quantity });
    }
  };
  add(props?.products, 'product_id');
  add(props?.items, 'item_id');
  const currency = typeof props?.currency === 'string' ? props.currency : '';
  return { currency, lines };
}
