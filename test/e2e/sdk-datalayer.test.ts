/**
 * Zero-code capture, end to end (real Chromium, real SDK, real `wrangler dev`): a page that already
 * pushes GA4 ecommerce events to `dataLayer` — before rec.js loads and after, GTM objects and gtag
 * calls — gets them stored in its session by adding `data-datalayer` to the script tag. Consent
 * still comes first, and without the attribute nothing is read.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { eventually, recordApiRequests } from '../support/observe.ts';
import { call, flush, context as recContext, sdkLoaded } from '../support/sdk-page.ts';
import type { Shop, StoredEvent } from '../support/sdk-shop.ts';
import { useSharedShop } from '../support/use-shared.ts';

let shop: Shop;
const FAST = { batchSize: '5', flushMs: '100', vitals: 'off' };

const newContext = useSharedShop((s) => {
  shop = s;
});

// What a GA4 shop already has in its pages: GTM's object form and gtag's, before rec.js loads.
const SHOP_HEAD = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'view_item_list', ecommerce: { item_list_id: 'audio', items: [
    { item_id: 'sku-1', item_name: 'Speaker', item_category: 'audio', price: 20 },
    { item_id: 'sku-2', item_name: 'Headphones', item_category: 'audio', price: 30 } ] } });
  gtag('event', 'view_item', { currency: 'EUR', value: 20,
    items: [{ item_id: 'sku-1', item_name: 'Speaker', item_category: 'audio', price: 20 }] });
  dataLayer.push({ event: 'gtm.js' }); // not ecommerce: ignored
</script>`;

async function open(data: Record<string, string>): Promise<Page> {
  const context = await newContext({ data: { ...FAST, ...data }, head: SHOP_HEAD });
  const page = await shop.open(context);
  await sdkLoaded(page);
  return page;
}

/** The page's session as stored at the edge, once it holds `count` events. */
async function stored(page: Page, count: number): Promise<StoredEvent[]> {
  const { sessionId } = await recContext(page);
  return eventually(`${count} events stored`, async () => {
    const events = (await shop.session(sessionId))?.events ?? [];
    return events.length >= count ? events : undefined;
  });
}

/** The shop's own code after load: add to cart, remove, buy, click a recommendation list item. */
const afterLoad = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as { dataLayer: unknown[]; gtag(...a: unknown[]): void };
    const speaker = { item_id: 'sku-1', item_category: 'audio', price: 20, quantity: 1 };
    w.dataLayer.push({ event: 'select_item', ecommerce: { item_list_id: 'audio', items: [speaker] } });
    w.dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 20, items: [speaker] } });
    w.gtag('event', 'remove_from_cart', { currency: 'EUR', value: 20, items: [speaker] });
    w.dataLayer.push({
      event: 'purchase',
      ecommerce: {
        transaction_id: 'T-1',
        currency: 'EUR',
        value: 50,
        items: [speaker, { item_id: 'sku-2', item_category: 'audio', price: 30, quantity: 1 }],
      },
    });
  });

it('stores the GA4 ecommerce events pushed before and after the SDK loaded, once consent is given', async () => {
  const page = await open({ datalayer: '' });
  const requests = recordApiRequests(page.context(), shop.base);
  await afterLoad(page);
  await flush(page);
  expect(requests).toEqual([]); // opt-in: nothing leaves before consent
  await call(page, 'consent', { analytics: true, personalization: true });
  const events = await stored(page, 6);
  expect(events.map((e) => [e.type, e.itemId])).toEqual([
    ['list_view', undefined],
    ['view', 'sku-1'],
    ['product_click', 'sku-1'],
    ['cart_add', 'sku-1'],
    ['cart_remove', 'sku-1'],
    ['purchase', undefined],
  ]);
  expect(events[0]!.props).toMatchObject({ category: 'audio', item_list_id: 'audio' });
  expect(events[5]!.props).toMatchObject({
    transaction_id: 'T-1',
    value: 50,
    currency: 'EUR',
    items: [
      { item_id: 'sku-1', item_category: 'audio', price: 20, quantity: 1 },
      { item_id: 'sku-2', item_category: 'audio', price: 30, quantity: 1 },
    ],
  });
});

it('reads nothing from dataLayer without data-datalayer', async () => {
  const page = await open({ consent: 'opt-out' });
  await afterLoad(page);
  await call(page, 'track', 'Product Viewed', { product_id: 'sku-9' });
  const events = await stored(page, 1);
  expect(events.map((e) => e.itemId)).toEqual(['sku-9']);
});
