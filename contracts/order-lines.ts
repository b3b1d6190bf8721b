/**
 * The lines of an order event (`purchase`): Segment `Order Completed` `props.products[]` with
 * `product_id, price, quantity`, GA4 `purchase` `props.items[]` with `item_id, price, quantity`,
 * and the order's `props.currency`. Checked when a batch is parsed (a malformed line refuses the
 * batch, 400 naming e.g. `events.0.props.products.1.price`) and by the SDK before it queues the
 * event (one bad order must not take its batch down); read by the report's attribution.
 *
 * Dependency-free on purpose, like the other top-level contracts: the SDK bundles it.
 */
import { isItemId } from './limits.ts';

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

/** A problem with an order's `props`: `path` is relative to `props`. */
export interface OrderProblem {
  message: string;
  path: string;
}

const MAX_QUANTITY = 1_000_000;
const LISTS = [
  ['products', 'product_id'],
  ['items', 'item_id'],
] as const;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Which field of `line` is wrong ('' the line itself), or undefined when it is a valid line. */
function badField(line: unknown, id: string): string | undefined {
  if (!isObject(line)) return '';
  const { price: p, quantity: q } = line;
  if (!isItemId(line[id])) return `.${id}`; // isItemId refuses '' too
  if (p !== undefined && !(typeof p === 'number' && p >= 0)) return '.price';
  if (q !== undefined && !(Number.isInteger(q) && (q as number) >= 1 && (q as number) <= MAX_QUANTITY))
    return '.quantity';
  return undefined;
}

/**
 * The path (relative to `props`) of the first thing wrong with a purchase's `props`, or undefined;
 * everything else in `props` passes. Paths only: the SDK bundles this, the messages stay server-side.
 */
export function orderProblemPath(props: unknown): string | undefined {
  if (!isObject(props)) return undefined;
  const { currency } = props;
  if (currency !== undefined && !(typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)))
    return 'currency';
  for (const [list, id] of LISTS) {
    const lines = props[list];
    if (lines === undefined) continue;
    if (!Array.isArray(lines)) return list;
    for (let i = 0; i < lines.length; i++) {
      const field = badField(lines[i], id);
      if (field !== undefined) return `${list}.${i}${field}`;
    }
  }
  return undefined;
}

/** The first problem with a purchase's `props` with its message, or undefined. */
export function orderPropsProblem(props: unknown): OrderProblem | undefined {
  const path = orderProblemPath(props);
  if (path === undefined) return undefined;
  if (path === 'currency') return { message: 'currency must be an ISO 4217 code like EUR', path };
  if (!path.includes('.')) return { message: `${path} must be an array of order lines`, path };
  // One message for every line problem (the path says which field). Written here, not as a
  // module constant: esbuild keeps a template constant in bundles that never read it (the SDK).
  return {
    message: `an order line is an object with the item id (product_id / item_id), price >= 0 and quantity 1-${MAX_QUANTITY} (both optional)`,
    path,
  };
}

/** The lines of a purchase whose `props` passed `orderPropsProblem` (both lists, in order). */
export function orderLines(props: Record<string, unknown> | undefined): OrderLines {
  const lines: OrderLine[] = [];
  for (const [list, id] of LISTS) {
    const entries = props?.[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Record<string, unknown>[]) {
      const price = typeof entry.price === 'number' ? entry.price : 0;
      const quantity = typeof entry.quantity === 'number' ? entry.quantity : 1;
      lines.push({ item: entry[id] as string, price, quantity });
    }
  }
  const currency = typeof props?.currency === 'string' ? props.currency : '';
  return { currency, lines };
}
