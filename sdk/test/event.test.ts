import { describe, expect, it } from 'vitest';
import { EVENT_ALIASES, EVENT_TYPES, normalizeEventType } from '../../contracts/event-types.ts';
import { parseEventBatch } from '../../contracts/schema/events.ts';
import { makeEvent } from '../src/event.ts';

const TS = 1_780_000_000_000;

describe('the event vocabulary', () => {
  it('knows every internal type and the Segment and GA4 names of each, and nothing else', () => {
    for (const type of EVENT_TYPES) expect(normalizeEventType(type)).toBe(type);
    expect(Object.keys(EVENT_ALIASES)).toHaveLength(22);
    for (const [alias, type] of Object.entries(EVENT_ALIASES)) {
      expect(EVENT_TYPES).toContain(type);
      expect(normalizeEventType(alias)).toBe(type);
    }
    expect(EVENT_ALIASES).toMatchObject({
      'Order Completed': 'purchase',
      view_item: 'view',
      page_view: 'page',
    });
    for (const name of ['__proto__', 'constructor', 'toString', 'view|Product Viewed', '', 'View'])
      expect(normalizeEventType(name)).toBeUndefined();
  });
});

describe('makeEvent', () => {
  it('normalises Segment and GA4 names and takes the item id from the props', () => {
    expect(makeEvent('Product Viewed', { product_id: 'sku-1', price: 20 }, TS)).toMatchObject({
      type: 'view',
      ts: TS,
      itemId: 'sku-1',
      props: { product_id: 'sku-1', price: 20 },
    });
    expect(makeEvent('add_to_cart', { item_id: 42 }, TS)).toMatchObject({ type: 'cart_add', itemId: '42' });
    expect(makeEvent('search', undefined, TS)).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      type: 'search',
      ts: TS,
    });
  });
  it('makes events the edge schema accepts', () => {
    const e = makeEvent('Product Viewed', { product_id: 'sku 1' }, TS);
    expect(e).not.toHaveProperty('itemId'); // not a valid item id: left in props only
    const batch = {
      sessionId: 'session-1',
      consent: { analytics: true, personalization: true },
      events: [e],
    };
    expect(parseEventBatch(batch)).toMatchObject({ ok: true });
  });
  it('copies the props so later changes by the page do not leak in', () => {
    const props = { product_id: 'a' };
    const e = makeEvent('view', props, TS);
    props.product_id = 'b';
    expect(e).toMatchObject({ props: { product_id: 'a' } });
  });
  it('names what is wrong', () => {
    expect(makeEvent('Bought Stuff', {}, TS)).toMatch(/unknown event type "Bought Stuff"/);
    expect(makeEvent(7, {}, TS)).toMatch(/unknown event type 7/);
    expect(makeEvent('view', [1], TS)).toMatch(/props must be a plain object/);
    expect(makeEvent('view', 'x', TS)).toMatch(/props must be a plain object/);
    // An object whose toJSON gives something else: the edge would refuse the batch (SDK fuzz, seed 1195267858).
    expect(makeEvent('page', { toJSON: () => 1 }, TS)).toMatch(/props must be a plain object/);
    expect(makeEvent('page', { toJSON: () => [1] }, TS)).toMatch(/props must be a plain object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(makeEvent('view', cyclic, TS)).toMatch(/JSON-serialisable/);
    expect(makeEvent('view', { x: 'y'.repeat(5000) }, TS)).toMatch(/exceed 4096 bytes/);
    expect(makeEvent('view', {}, 0)).toMatch(/clock/);
  });

  it('refuses what the edge would refuse for its shape, before it is queued', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 9; i++) deep = [deep];
    expect(makeEvent('view', { a: deep }, TS)).toMatch(/props\.a\.0(\.0)*: too deep/);
    expect(makeEvent('view', JSON.parse('{"__proto__":{"x":1}}'), TS)).toMatch(
      /props\.__proto__: key not allowed/,
    );
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 1]));
    expect(makeEvent('view', wide, TS)).toMatch(/props: too many entries/);
    expect(makeEvent('view', { list: [[[1]]], title: 'ok' }, TS)).toHaveProperty('props');
  });
});
