import { describe, expect, it } from 'vitest';
import type { EventType } from '../../contracts/event-types.ts';
import { worthPushing } from '../src/push/worth-pushing.ts';

const of = (...types: EventType[]) => types.map((type) => ({ type }));

describe('a push after an accepted batch', () => {
  it('is sent when the batch holds something the recommender reads', () => {
    for (const type of ['view', 'product_click', 'cart_add', 'cart_remove', 'purchase', 'rec_click'] as const)
      expect(worthPushing(of('impression', type)), type).toBe(true);
  });

  it('is not sent for impressions, pages and vitals alone (each shown answer would bring another)', () => {
    expect(worthPushing(of('impression', 'impression', 'page', 'web_vital', 'list_view', 'search'))).toBe(
      false,
    );
  });
});
