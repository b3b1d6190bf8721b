/**
 * Windowed session aggregates, as pure functions over a session's events in stored order
 * (ts, then arrival). The Session Durable Object, the recommender and the offline pipeline all
 * compute them here so that serving and training see the same features.
 */
import { BEHAVIOURAL_TYPES, type EventType } from '../../../contracts/event-types.ts';

/** What the aggregates read of an event; offline code builds `items` with `itemsOf(event)`. */
export interface AggregateInput {
  type: EventType;
  ts: number;
  items: readonly string[];
}

/** One item interaction, as the recommender consumes it. */
export interface ItemEvent {
  itemId: string;
  type: EventType;
  ts: number;
}

/** Event counts inside one time window. */
export interface WindowCounts {
  events: number;
  byType: Partial<Record<EventType, number>>;
}

/** The aggregates the recommender uses; item lists are newest first. */
export interface SessionAggregates {
  viewed: string[];
  carted: string[];
  purchased: string[];
  last5m: WindowCounts;
  last30m: WindowCounts;
}

/** How many items each of `viewed`, `carted`, `purchased` keeps by default. */
export const RECENT_ITEMS_LIMIT = 20;
/** How many item interactions `recentItemEvents` returns by default. */
export const RECENT_EVENTS_LIMIT = 50;
const FIVE_MINUTES = 5 * 60_000;
const THIRTY_MINUTES = 30 * 60_000;

/** Distinct items of events of one type, most recent first (within an event: last listed first), at most `limit`. */
export function recentItems(events: readonly AggregateInput[], type: EventType, limit: number): string[] {
  const seen = new Set<string>();
  for (let i = events.length - 1; i >= 0 && seen.size < limit; i--) {
    if (events[i].type !== type) continue;
    // Items of one event count as listed in order, so walk them backwards too.
    const items = events[i].items;
    for (let j = items.length - 1; j >= 0 && seen.size < limit; j--) seen.add(items[j]);
  }
  return [...seen];
}

/**
 * Items in the cart now, most recently added first: adds minus removals. A purchase empties the
 * cart of the items it names, or of everything when it names none (an order completes the cart).
 */
export function cartItems(events: readonly AggregateInput[], limit: number): string[] {
  // Map keeps insertion order; re-adding an item moves it to the end (= most recent).
  const cart = new Map<string, true>();
  for (const event of events) {
    if (event.type === 'cart_add') {
      for (const item of event.items) {
        cart.delete(item);
        cart.set(item, true);
      }
    } else if (event.type === 'cart_remove') {
      for (const item of event.items) cart.delete(item);
    } else if (event.type === 'purchase') {
      if (event.items.length === 0) cart.clear();
      for (const item of event.items) cart.delete(item);
    }
  }
  return [...cart.keys()].reverse().slice(0, limit);
}

/** Counts of events with `ts > now - windowMs` (events stamped after `now` count too). */
export function windowCounts(events: readonly AggregateInput[], now: number, windowMs: number): WindowCounts {
  const since = now - windowMs;
  const counts: WindowCounts = { events: 0, byType: {} };
  // Events are in ts order, so walk back from the newest and stop at the window's start.
  for (let i = events.length - 1; i >= 0 && events[i].ts > since; i--) {
    counts.events++;
    counts.byType[events[i].type] = (counts.byType[events[i].type] ?? 0) + 1;
  }
  return counts;
}

/** All aggregates of a session as of `now` (ms since the epoch). */
export function aggregate(
  events: readonly AggregateInput[],
  now: number,
  limit: number = RECENT_ITEMS_LIMIT,
): SessionAggregates {
  return {
    viewed: recentItems(events, 'view', limit),
    carted: cartItems(events, limit),
    purchased: recentItems(events, 'purchase', limit),
    last5m: windowCounts(events, now, FIVE_MINUTES),
    last30m: windowCounts(events, now, THIRTY_MINUTES),
  };
}

/** The last `limit` item interactions of behavioural events, oldest first (the model's input order). */
export function recentItemEvents(
  events: readonly AggregateInput[],
  limit: number = RECENT_EVENTS_LIMIT,
): ItemEvent[] {
  const out: ItemEvent[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const { type, ts, items } = events[i];
    if (!BEHAVIOURAL_TYPES.has(type)) continue;
    for (let j = items.length - 1; j >= 0 && out.length < limit; j--)
      out.push({ itemId: items[j], type, ts });
  }
  return out.reverse();
}
