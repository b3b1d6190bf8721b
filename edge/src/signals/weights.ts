/** How much each behavioural event counts towards trending. */
import type { EventType } from '../../../contracts/event-types.ts';

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
