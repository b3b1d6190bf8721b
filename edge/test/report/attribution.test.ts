/** The attribution rule and the latency histogram (pure), on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { attributeCartAdds, attributeOrders, type Click, type Line } from '../../src/report/attribution.ts';
import { bucketUpperMs, histogramQuantile, latencyBucket } from '../../src/report/latency-histogram.ts';

const click = (session: string, item: string, placement: string, ts: number): Click => ({
  session,
  item,
  placement,
  ts,
});
const line = (session: string, eventId: string, item: string, revenueMicros: number, ts: number): Line => ({
  session,
  eventId,
  item,
  revenueMicros,
  currency: 'EUR',
  ts,
});

describe('attribution', () => {
  it('counts an order once per placement, with only the lines clicked there before it', () => {
    const clicks = [
      click('s', 'a', 'home', 1),
      click('s', 'a', 'home', 2),
      click('s', 'b', 'home', 3),
      click('s', 'b', 'cart', 4),
      click('s', 'c', 'home', 20), // after the order
      click('other', 'd', 'home', 1), // another session
    ];
    const lines = [
      line('s', 'o1', 'a', 10_000_000, 10),
      line('s', 'o1', 'b', 5_000_000, 10),
      line('s', 'o1', 'c', 1_000_000, 10),
      line('s', 'o1', 'd', 2_000_000, 10),
    ];
    const orders = attributeOrders(clicks, lines).sort((x, y) => (x.placement < y.placement ? -1 : 1));
    expect(orders.map((o) => [o.placement, o.eventId, o.revenueMicros])).toEqual([
      ['cart', 'o1', 5_000_000],
      ['home', 'o1', 15_000_000],
    ]);
  });

  it('a click at the same ms as the order, or none, attributes nothing', () => {
    expect(attributeOrders([click('s', 'a', 'home', 10)], [line('s', 'o', 'a', 1, 10)])).toEqual([]);
    expect(attributeOrders([], [line('s', 'o', 'a', 1, 10)])).toEqual([]);
  });

  it('cart adds follow the same rule', () => {
    const carts = [
      { session: 's', eventId: 'c1', item: 'a', ts: 5 },
      { session: 's', eventId: 'c2', item: 'z', ts: 5 },
    ];
    expect(attributeCartAdds([click('s', 'a', 'home', 1), click('s', 'a', 'home', 2)], carts)).toEqual([
      { placement: 'home', eventId: 'c1', ts: 5 },
    ]);
  });
});

describe('latency histogram', () => {
  it('reports quantiles as bucket upper edges within 10 %', () => {
    for (const ms of [0.05, 0.3, 1, 2.2, 7, 55, 1234]) {
      const upper = bucketUpperMs(latencyBucket(ms));
      expect(upper).toBeGreaterThanOrEqual(Math.max(ms, 0.1) * 0.999);
      expect(upper).toBeLessThanOrEqual(Math.max(ms, 0.1) * 1.1 * 1.001);
    }
    const h = new Map<number, number>();
    for (let ms = 1; ms <= 100; ms++) h.set(latencyBucket(ms), (h.get(latencyBucket(ms)) ?? 0) + 1);
    expect(histogramQuantile(h, 0.5)).toBeGreaterThanOrEqual(50);
    expect(histogramQuantile(h, 0.5)).toBeLessThanOrEqual(55);
    expect(histogramQuantile(h, 0.99)).toBeGreaterThanOrEqual(99);
    expect(histogramQuantile(new Map(), 0.5)).toBeNull();
  });
});
