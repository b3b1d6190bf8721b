import { describe, expect, it } from 'vitest';
import type { EventType } from '../../contracts/event-types.ts';
import {
  type AggregateInput,
  aggregate,
  cartItems,
  recentItemEvents,
  recentItems,
  windowCounts,
} from '../src/session/aggregates.ts';

const T0 = 1_780_000_000_000;
const MIN = 60_000;
const ev = (type: EventType, ts: number, ...items: string[]): AggregateInput => ({ type, ts, items });

describe('recentItems', () => {
  it('lists distinct items of one type, newest first, up to the limit', () => {
    const events = [
      ev('view', T0, 'a'),
      ev('view', T0 + 1, 'b'),
      ev('cart_add', T0 + 2, 'z'),
      ev('view', T0 + 3, 'a'),
    ];
    expect(recentItems(events, 'view', 10)).toEqual(['a', 'b']);
    expect(recentItems(events, 'view', 1)).toEqual(['a']);
    expect(recentItems(events, 'purchase', 10)).toEqual([]);
  });
});

describe('cartItems', () => {
  it('reflects removals and re-adds, most recently added first', () => {
    const events = [
      ev('cart_add', T0, 'a'),
      ev('cart_add', T0 + 1, 'b'),
      ev('cart_add', T0 + 2, 'c'),
      ev('cart_remove', T0 + 3, 'b'),
      ev('cart_add', T0 + 4, 'a'),
    ];
    expect(cartItems(events, 10)).toEqual(['a', 'c']);
    expect(cartItems(events, 1)).toEqual(['a']);
  });

  it('empties the purchased items, or the whole cart for a purchase naming none', () => {
    const cart = [ev('cart_add', T0, 'a'), ev('cart_add', T0 + 1, 'b')];
    expect(cartItems([...cart, ev('purchase', T0 + 2, 'a')], 10)).toEqual(['b']);
    expect(cartItems([...cart, ev('purchase', T0 + 2)], 10)).toEqual([]);
  });

  it('ignores removals of items never added', () => {
    expect(cartItems([ev('cart_remove', T0, 'x'), ev('cart_add', T0 + 1, 'y')], 10)).toEqual(['y']);
  });
});

describe('windowCounts', () => {
  it('counts events newer than now - window, by type', () => {
    const now = T0 + 60 * MIN;
    const events = [
      ev('view', now - 31 * MIN, 'old'),
      ev('view', now - 29 * MIN, 'a'),
      ev('cart_add', now - 6 * MIN, 'a'),
      ev('view', now - 4 * MIN, 'b'),
      ev('page', now - 1 * MIN),
    ];
    expect(windowCounts(events, now, 5 * MIN)).toEqual({ events: 2, byType: { view: 1, page: 1 } });
    expect(windowCounts(events, now, 30 * MIN)).toEqual({
      events: 4,
      byType: { view: 2, cart_add: 1, page: 1 },
    });
  });

  it('excludes an event exactly at the window start and counts events after now', () => {
    const now = T0;
    const events = [ev('view', now - 5 * MIN, 'edge'), ev('view', now + MIN, 'future')];
    expect(windowCounts(events, now, 5 * MIN).events).toBe(1);
  });
});

describe('aggregate', () => {
  it('combines item lists and both windows', () => {
    const now = T0 + 10 * MIN;
    const events = [
      ev('view', T0, 'a'),
      ev('cart_add', T0 + MIN, 'a'),
      ev('purchase', T0 + 2 * MIN, 'a'),
      ev('view', now - MIN, 'b'),
    ];
    expect(aggregate(events, now)).toEqual({
      viewed: ['b', 'a'],
      carted: [],
      purchased: ['a'],
      last5m: { events: 1, byType: { view: 1 } },
      last30m: { events: 4, byType: { view: 2, cart_add: 1, purchase: 1 } },
    });
  });

  it('is empty for an empty session', () => {
    expect(aggregate([], T0)).toEqual({
      viewed: [],
      carted: [],
      purchased: [],
      last5m: { events: 0, byType: {} },
      last30m: { events: 0, byType: {} },
    });
  });
});

describe('recentItemEvents', () => {
  it('returns the last behavioural item interactions oldest first, skipping other types', () => {
    const events = [
      ev('view', T0, 'a'),
      ev('page', T0 + 1),
      ev('search', T0 + 2),
      ev('purchase', T0 + 3, 'b', 'c'),
      ev('impression', T0 + 4, 'd'),
    ];
    expect(recentItemEvents(events)).toEqual([
      { itemId: 'a', type: 'view', ts: T0 },
      { itemId: 'b', type: 'purchase', ts: T0 + 3 },
      { itemId: 'c', type: 'purchase', ts: T0 + 3 },
    ]);
    expect(recentItemEvents(events, 2).map((e) => e.itemId)).toEqual(['b', 'c']);
  });
});
