/**
 * The event vocabulary, defined once. Shops send Segment ecommerce v2 or GA4 names; everything
 * downstream (Durable Object, log, model, SDK) sees only the internal names.
 *
 * Dependency-free on purpose: the browser SDK imports it and must stay a few KB.
 */

/** Internal event types. */
export const EVENT_TYPES = [
  'view',
  'list_view',
  'product_click',
  'cart_add',
  'cart_remove',
  'cart_view',
  'wishlist_add',
  'checkout_start',
  'purchase',
  'search',
  'page',
  'impression',
  'rec_click',
  'web_vital',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Segment ecommerce v2 and GA4 names mapped to the internal vocabulary. */
export const EVENT_ALIASES: Readonly<Record<string, EventType>> = {
  'Product Viewed': 'view',
  view_item: 'view',
  'Product List Viewed': 'list_view',
  view_item_list: 'list_view',
  'Product Clicked': 'product_click',
  select_item: 'product_click',
  'Product Added': 'cart_add',
  add_to_cart: 'cart_add',
  'Product Removed': 'cart_remove',
  remove_from_cart: 'cart_remove',
  'Cart Viewed': 'cart_view',
  view_cart: 'cart_view',
  'Product Added to Wishlist': 'wishlist_add',
  add_to_wishlist: 'wishlist_add',
  'Checkout Started': 'checkout_start',
  begin_checkout: 'checkout_start',
  'Order Completed': 'purchase',
  purchase: 'purchase',
  'Products Searched': 'search',
  search: 'search',
  'Page Viewed': 'page',
  page_view: 'page',
};

// hasOwnProperty rather than Object.hasOwn (Safari 15.4, Chrome 93): the SDK bundles this file and
// runs in Safari 14 / Chrome 80. Held in a const because biome's safe fix for noPrototypeBuiltins
// rewrites `Object.prototype.hasOwnProperty.call(...)` into `Object.hasOwn(...)` on `--write`;
// sdk/test/baseline.test.ts fails the build if a late API slips into a bundle again.
const own = Object.prototype.hasOwnProperty;

/** The internal type for a Segment, GA4 or internal name; undefined when the name is unknown. */
export function normalizeEventType(name: string): EventType | undefined {
  if ((EVENT_TYPES as readonly string[]).includes(name)) return name as EventType;
  return own.call(EVENT_ALIASES, name) ? EVENT_ALIASES[name] : undefined;
}

/** Types that say something about what the visitor wants (used for recommendations). */
export const BEHAVIOURAL_TYPES: ReadonlySet<EventType> = new Set([
  'view',
  'product_click',
  'cart_add',
  'cart_remove',
  'wishlist_add',
  'purchase',
  'rec_click',
]);
