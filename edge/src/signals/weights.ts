/** How much each behavioural event counts towards trending and co-visitation. */
import type { EventType } from '../contracts/event-types.ts';

/** Weight per event type; types not listed do not count. */
export const EVENT_WEIGHTS: Partial<Record<EventType, number>> = {
  view: 1,
  product_click: 1,
  rec_click: 1,
  wishlist_add: 2,
  cart_add: 3,
  purchase: 5,
};

/** Trending halves every 6 hours: "popular right now", not "popular this year". */
export const TRENDING_DECAY = { halfLifeMs: 6 * 3600_000 };
/** Co-visitation halves every 7 days: item relations change slowly. */
export const CO_VISIT_DECAY = { halfLifeMs: 7 * 24 * 3600_000 };
/** An item is linked to this many of the session's previous items. */
export const CO_VISIT_WINDOW = 5;

/** Pairs (a -> b and b -> a) linking `item` to the session's last distinct items before it. */
export function coVisitPairs(
  recent: readonly string[],
  item: string,
  window = CO_VISIT_WINDOW,
): [string, string][] {
  const seen = new Set<string>([item]);
  const pairs: [string, string][] = [];
  for (let i = recent.length - 1; i >= 0 && seen.size <= window; i--) {
    const a = recent[i]!;
    if (seen.has(a)) continue;
    seen.add(a);
    pairs.push([a, item], [item, a]);
  }
  return pairs;
}
