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

/**
 * Every internal type with its Segment ecommerce v2 and GA4 names: groups separated by `,`, each
 * `internal|Segment|GA4`. Size trick: the SDK bundles this, and one string gzips 73 B smaller than
 * the same names as an object literal and an array.
 */
const VOCABULARY =
  'view|Product Viewed|view_item,list_view|Product List Viewed|view_item_list,' +
  'product_click|Product Clicked|select_item,cart_add|Product Added|add_to_cart,' +
  'cart_remove|Product Removed|remove_from_cart,cart_view|Cart Viewed|view_cart,' +
  'wishlist_add|Product Added to Wishlist|add_to_wishlist,checkout_start|Checkout Started|begin_checkout,' +
  'purchase|Order Completed|purchase,search|Products Searched|search,page|Page Viewed|page_view,' +
  'impression,rec_click,web_vital';

const GROUPS = VOCABULARY.split(',').map((group) => group.split('|') as [EventType, ...string[]]);

/** Segment ecommerce v2 and GA4 names mapped to the internal vocabulary. */
export const EVENT_ALIASES: Readonly<Record<string, EventType>> = /* @__PURE__ */ Object.fromEntries(
  /* @__PURE__ */ GROUPS.flatMap(([type, ...aliases]) => aliases.map((alias) => [alias, type])),
);

/** The internal type for a Segment, GA4 or internal name; undefined when the name is unknown. */
export function normalizeEventType(name: string): EventType | undefined {
  return GROUPS.find((names) => names.includes(name))?.[0];
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
