/**
 * The dataLayer chunk (`rec-datalayer.<hash>.js`), loaded by rec.js when its tag has
 * `data-datalayer`: GA4 ecommerce events a shop already pushes to `dataLayer` (GTM's
 * `{ event, ecommerce }` objects and `gtag('event', name, params)` calls), those pushed before the
 * chunk arrived and those pushed later, become `rec.track` calls. They pass the same consent gate
 * and validation as any other `track`; the shop writes no code.
 */
import type { Rec } from './types.ts';

/** The GA4 ecommerce events tracked (their names are aliases in contracts/event-types.ts). */
const EVENTS = ['view_item', 'add_to_cart', 'remove_from_cart', 'purchase', 'view_item_list', 'select_item'];

type Params = {
  items?: Record<string, unknown>[];
  item_list_id?: unknown;
  transaction_id?: unknown;
  value?: unknown;
  currency?: unknown;
};
type Entry = { event?: unknown; ecommerce?: Params; 0?: unknown; 1?: unknown; 2?: Params } | null;

/** The `[name, params]` of a GA4 ecommerce entry, or undefined for anything else. */
export function ecommerceOf(entry: Entry): [string, Params] | undefined {
  if (!entry || typeof entry !== 'object') return;
  // gtag('event', name, params) pushes its `arguments`; GTM pushes { event, ecommerce }.
  const [name, params] = entry[0] === 'event' ? [entry[1], entry[2]] : [entry.event, entry.ecommerce];
  if (typeof name === 'string' && EVENTS.includes(name) && params && typeof params === 'object')
    return [name, params];
}

/**
 * The `track` props of one GA4 event: its items (id, category, price, quantity: what the
 * recommender reads; names and the rest would only eat into the 4 KB props limit), totals and list.
 * A single-item event also names its item and department, as `rec.track` callers do.
 */
export function propsOf({ items, item_list_id, transaction_id, value, currency }: Params) {
  const list = (Array.isArray(items) ? items : []).slice(0, 50).map((i) => ({
    item_id: i?.item_id,
    item_category: i?.item_category,
    price: i?.price,
    quantity: i?.quantity,
  }));
  const one = list.length === 1 ? list[0] : undefined;
  return JSON.parse(
    JSON.stringify({
      item_id: one?.item_id,
      category: one?.item_category ?? item_list_id,
      items: list,
      item_list_id,
      transaction_id,
      value,
      currency,
    }),
  ) as Record<string, unknown>;
}

const w = window as unknown as { rec?: Rec; dataLayer?: Entry[]; __recDataLayer?: 1 };
try {
  if (w.__recDataLayer) throw 0; // loaded twice: the first copy already listens
  w.__recDataLayer = 1;
  // GTM and gtag keep using an array that is already there, so create it when the page has none yet.
  w.dataLayer ||= [];
  const layer = w.dataLayer;
  const read = (entry: Entry) => {
    try {
      const found = ecommerceOf(entry);
      if (found) w.rec?.track(found[0], propsOf(found[1]));
    } catch {}
  };
  layer.forEach(read);
  const push = layer.push;
  layer.push = function (this: Entry[], ...entries: Entry[]) {
    entries.forEach(read);
    return push.apply(this, entries);
  };
} catch {} // never throw into the host page
