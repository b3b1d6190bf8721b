import { describe, expect, it } from 'vitest';
import { parseEventBatch } from '../../contracts/schema/events.ts';
import { SHOPPER_RATES, type ShownAnswer, shopperEvents } from '../scripts/shopper-events.ts';
import { createRandom } from '../src/catalogue/random.ts';

const NOW = Date.UTC(2026, 11, 1, 14);
const answer: ShownAnswer = {
  recId: 'r1abc.home',
  placement: 'home',
  variant: 'diverse',
  items: ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id })),
};
const price = (id: string) => Number(id.slice(1)) * 10 + 0.5;
/** `null`: a shopper who saw no widget. */
const shopper = (seed: number, shown: ShownAnswer | null = answer) =>
  shopperEvents({
    idPrefix: `seed-1-shop-${seed}`,
    answer: shown ?? undefined,
    viewed: ['p7', 'p8'],
    after: NOW - 60_000,
    now: NOW,
    priceOf: price,
    random: createRandom(seed),
  });
const many = (n: number, shown: ShownAnswer | null = answer) =>
  Array.from({ length: n }, (_, s) => shopper(s + 1, shown));

describe("the demo's generated shoppers", () => {
  it('send what the event API accepts, in time order, never in the future', () => {
    for (const events of many(300)) {
      const parsed = parseEventBatch({
        sessionId: 'seed-session-1',
        consent: { analytics: true, personalization: true },
        events,
      });
      expect(parsed.ok).toBe(true);
      const times = events.map((e) => e.ts);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(NOW - 60_000, ...times)).toBeLessThanOrEqual(NOW);
    }
  });

  it('see the first 4 cards, click with the answer’s recId, and order the clicked item at its price', () => {
    const all = many(1_000);
    for (const events of all) {
      const impressions = events.filter((e) => e.type === 'impression');
      expect(impressions.map((e) => e.itemId)).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(impressions[0]!.props).toMatchObject({
        recId: 'r1abc.home',
        placement: 'home',
        variant: 'diverse',
      });
      const click = events.find((e) => e.type === 'rec_click');
      const order = events.find((e) => e.type === 'purchase');
      if (!order) continue;
      expect(click?.props).toMatchObject({ recId: 'r1abc.home', product_id: click?.itemId });
      const lines = order.props!.products as { product_id: string; price: number; quantity: number }[];
      expect(lines[0]).toMatchObject({ product_id: click!.itemId, price: price(click!.itemId!) });
      expect(order.props).toMatchObject({ currency: 'EUR' });
      expect(order.props!.revenue).toBeCloseTo(
        lines.reduce((s, l) => s + l.price * l.quantity, 0),
        2,
      );
    }
    const clicks = all.filter((e) => e.some((x) => x.type === 'rec_click')).length / all.length;
    const orders = all.filter((e) => e.some((x) => x.type === 'purchase'));
    expect(clicks).toBeCloseTo(SHOPPER_RATES.click, 1);
    expect(orders.length).toBeGreaterThan(50);
    // Some orders also hold a line the widget did not suggest (revenue that is not attributed).
    expect(
      orders.some((e) => (e.find((x) => x.type === 'purchase')!.props!.products as unknown[]).length === 2),
    ).toBe(true);
  });

  it('without a widget, send no impression or click, and sometimes order a viewed item', () => {
    const all = many(1_000, null);
    expect(all.flat().some((e) => e.type === 'impression' || e.type === 'rec_click')).toBe(false);
    const orders = all.flatMap((e) => e.filter((x) => x.type === 'purchase'));
    expect(orders.length).toBeGreaterThan(20);
    expect(orders[0]!.props!.products).toEqual([
      { product_id: 'p8', price: 80.5, quantity: expect.any(Number) },
    ]);
  });

  it('are the same for the same seed', () => {
    expect(shopper(7)).toEqual(shopper(7));
  });
});
