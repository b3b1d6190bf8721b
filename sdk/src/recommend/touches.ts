/**
 * What a tracked event tells the on-device re-rank: the items touched (and their department) or
 * the department browsed; purchases and cart changes also feed the exclusions (never recommend
 * what is in the cart or was bought, like the edge's default rules).
 */
import type { Touch } from './rerank.ts';

/** A queued event as the SDK announces it (`rec.on('track')`); `itemId` is already derived. */
export interface TrackedEventLike {
  type: string;
  ts: number;
  itemId?: string;
  props?: Record<string, unknown>;
}

/** A touch with the time of its event. */
export interface TimedTouch extends Touch {
  ts: number;
}

const ITEM_TYPES = 'view product_click rec_click cart_add wishlist_add purchase';

/** `itemId` plus the ids in Segment `products[].product_id` / GA4 `items[].item_id`. */
function idsOf({ itemId, props = {} }: TrackedEventLike): string[] {
  const list = [props.products, props.items].flat() as ({ product_id?: unknown; item_id?: unknown } | null)[];
  const ids = list
    .map((p) => p?.product_id ?? p?.item_id)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(itemId ? [itemId, ...ids] : ids)];
}

/** Touches of one event (empty for events that say nothing about taste). */
export function touchesOf(e: TrackedEventLike): TimedTouch[] {
  const category = typeof e.props?.category === 'string' ? e.props.category : undefined;
  if (e.type === 'list_view') return category ? [{ category, ts: e.ts }] : [];
  return ITEM_TYPES.includes(e.type) ? idsOf(e).map((id) => ({ id, category, ts: e.ts })) : [];
}

/** Update the items never to recommend (in the cart or bought) with one event; true if they changed. */
export function updateExclusions(excluded: Set<string>, e: TrackedEventLike): boolean {
  const add = e.type === 'cart_add' || e.type === 'purchase';
  if (!add && e.type !== 'cart_remove') return false;
  for (const id of idsOf(e)) add ? excluded.add(id) : excluded.delete(id);
  return true;
}
