/**
 * Consent in a real Chromium against a real `wrangler dev`: opt-in holds everything, a refusal
 * sends nothing and writes nothing, GPC is honoured, revocation purges the device and the edge,
 * and the IAB TCF / Google Consent Mode adapters follow the page's CMP.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deviceStorage, eventually, recordApiRequests } from '../support/observe.ts';
import {
  announceHidden,
  call,
  flush,
  context as recContext,
  sdkLoaded,
  stats,
  storedRows,
} from '../support/sdk-page.ts';
import type { Shop } from '../support/sdk-shop.ts';
import type { TestWindow } from '../support/test-window.ts';
import { useSharedShop } from '../support/use-shared.ts';

let shop: Shop;
const FAST = { batchSize: '5', flushMs: '100', vitals: 'off' };
const EMPTY_DEVICE = { localStorage: 0, sessionStorage: 0, indexedDB: [], documentCookie: '', cookies: 0 };

const newContext = useSharedShop((s) => {
  shop = s;
});

/** The page's consent notifications, collected by the app script into `window.seen`. */
const COLLECT_CONSENT = `window.seen = []; rec.on('consent', (c) => window.seen.push(c));`;
const seen = (page: Page) => page.evaluate(() => (globalThis as unknown as TestWindow).seen);

/** Views stored for the page's current session, once there are `count`. */
async function storedViews(page: Page, count: number) {
  const { sessionId } = await recContext(page);
  return eventually(`${count} views stored`, async () => {
    const views = (await shop.session(sessionId))?.events.filter((e) => e.type === 'view') ?? [];
    return views.length >= count ? views : undefined;
  });
}

/** Everything a page could still send: flush, then behave as if the tab were hidden. */
async function giveEveryChanceToSend(page: Page) {
  await flush(page);
  await announceHidden(page);
  await flush(page);
}

describe('consent', () => {
  it('opt-in (default): holds events in memory, sends and stores nothing until granted', async () => {
    const app = `${COLLECT_CONSENT} rec.track('Product Viewed', { product_id: 'sku-1', n: 0 }); rec.page();`;
    const context = await newContext({ data: FAST, app });
    const requests = recordApiRequests(context, shop.base);
    const page = await shop.open(context);
    await sdkLoaded(page);
    await giveEveryChanceToSend(page);
    expect(requests).toEqual([]);
    expect(await deviceStorage(page)).toEqual(EMPTY_DEVICE);
    expect(await stats(page)).toMatchObject({ queued: 2, sent: 0 });

    expect(await call(page, 'consent', { analytics: true, personalization: true })).toEqual({
      analytics: true,
      personalization: true,
      storage: true,
    });
    expect((await storedViews(page, 1))[0]).toMatchObject({ itemId: 'sku-1' });
    expect(await seen(page)).toEqual([{ analytics: true, personalization: true, storage: true }]);
    expect((await deviceStorage(page)).indexedDB).toEqual(['rec']);
  });

  it('a refusal drops what was held; nothing is sent or written, not even on close', async () => {
    const app = `rec.track('Product Viewed', { product_id: 'sku-1' }); rec.identify('user-1');
      rec.consent({ analytics: false, personalization: false }); rec.track('Cart Viewed'); rec.page();`;
    const context = await newContext({ data: FAST, app });
    const requests = recordApiRequests(context, shop.base);
    const page = await shop.open(context);
    await sdkLoaded(page);
    await giveEveryChanceToSend(page);
    expect(await stats(page)).toMatchObject({ queued: 0, sent: 0 });
    expect(await deviceStorage(page)).toEqual(EMPTY_DEVICE);
    const { sessionId } = await recContext(page);
    await page.close();
    expect(requests).toEqual([]);
    expect(await shop.session(sessionId)).toBeNull();
  });

  it('honours Global Privacy Control even in opt-out mode', async () => {
    const context = await newContext({
      data: { ...FAST, consent: 'opt-out' },
      app: `rec.track('Cart Viewed');`,
    });
    await context.addInitScript(() => {
      const nav = (globalThis as unknown as { navigator: object }).navigator;
      Object.defineProperty(Object.getPrototypeOf(nav), 'globalPrivacyControl', { get: () => true });
    });
    const requests = recordApiRequests(context, shop.base);
    const page = await shop.open(context);
    await sdkLoaded(page);
    await giveEveryChanceToSend(page);
    expect(await call(page, 'consent')).toEqual({ analytics: false, personalization: false, storage: false });
    expect(await deviceStorage(page)).toEqual(EMPTY_DEVICE);
    expect(requests).toEqual([]);
  });

  it('revoking purges the device, erases the session at the edge and stops sending', async () => {
    const context = await newContext({ data: { ...FAST, consent: 'opt-out' } });
    const page = await shop.open(context);
    await sdkLoaded(page);
    await call(page, 'track', 'Product Viewed', { product_id: 'sku-1' });
    await storedViews(page, 1);
    const { sessionId } = await recContext(page);
    expect(await storedRows(page)).toBeGreaterThan(0);

    await call(page, 'consent', { analytics: false, personalization: false });
    await eventually('the session erased at the edge', async () =>
      (await shop.session(sessionId)) === null ? true : undefined,
    );
    await eventually('the IndexedDB database deleted', async () =>
      (await deviceStorage(page)).indexedDB.length === 0 ? true : undefined,
    );
    expect((await recContext(page)).sessionId).not.toBe(sessionId);

    const requests = recordApiRequests(context, shop.base);
    await call(page, 'track', 'Cart Viewed');
    await giveEveryChanceToSend(page);
    expect(requests).toEqual([]);
    expect(await deviceStorage(page)).toEqual(EMPTY_DEVICE);
  });
  it('withdrawing one purpose drops unsent events for good, keeping storage for the other', async () => {
    const context = await newContext({ data: { ...FAST, consent: 'opt-out' } });
    const page = await shop.open(context);
    await sdkLoaded(page);
    await context.setOffline(true);
    await call(page, 'track', 'Product Viewed', { product_id: 'sku-old' });
    await call(page, 'track', 'Cart Viewed');
    await flush(page);
    await eventually('two unsent events and the session in IndexedDB', async () =>
      (await storedRows(page)) === 3 ? true : undefined,
    );

    await call(page, 'consent', { analytics: false });
    expect(await stats(page)).toMatchObject({ queued: 0 });
    await eventually('storage holding only the new session', async () =>
      (await storedRows(page)) === 1 ? true : undefined,
    );
    await context.setOffline(false);
    await call(page, 'track', 'Product Viewed', { product_id: 'sku-new' });
    expect((await storedViews(page, 1)).map((e) => e.itemId)).toEqual(['sku-new']);
    expect(await call(page, 'consent')).toEqual({ analytics: false, personalization: true, storage: true });
  });
});

describe('consent adapters', () => {
  // A minimal CMP implementing the documented `__tcfapi('addEventListener', 2, cb)` contract.
  const CMP = `<script>
    window.__tcfapi = (command, version, callback) => {
      if (command !== 'addEventListener' || version !== 2) return;
      (window.tcfListeners ||= []).push(callback);
      callback({ gdprApplies: true, eventStatus: 'cmpuishown', purpose: { consents: {} } }, true);
    };
    window.cmpDecide = (consents) => window.tcfListeners.forEach((cb) =>
      cb({ gdprApplies: true, eventStatus: 'useractioncomplete', purpose: { consents } }, true));
  </script>`;

  it('loads the adapters only on pages with a CMP or a dataLayer', async () => {
    const chunks = async (head?: string) => {
      const context = await newContext({ data: FAST, ...(head ? { head } : {}) });
      const loaded: string[] = [];
      context.on('request', (r) => {
        if (/\/rec-consent\.[0-9a-f]+\.js$/.test(r.url())) loaded.push(r.url());
      });
      const page = await shop.open(context);
      await sdkLoaded(page);
      return loaded.length;
    };
    expect(await chunks()).toBe(0);
    expect(await chunks(CMP)).toBe(1);
    expect(await chunks('<script>window.dataLayer = [];</script>')).toBe(1);
  });

  it('follows an IAB TCF v2.2 CMP: purposes granted, then withdrawn', async () => {
    const app = `${COLLECT_CONSENT} rec.track('Product Viewed', { product_id: 'sku-1' });`;
    const context = await newContext({ data: FAST, head: CMP, app });
    const page = await shop.open(context);
    await sdkLoaded(page);
    expect(await stats(page)).toMatchObject({ queued: 1, sent: 0 });

    await page.evaluate(() =>
      (globalThis as unknown as { cmpDecide(c: object): void }).cmpDecide({
        1: true,
        5: true,
        6: true,
        8: true,
        10: true,
      }),
    );
    await storedViews(page, 1);
    const { sessionId } = await recContext(page);

    await page.evaluate(() => (globalThis as unknown as { cmpDecide(c: object): void }).cmpDecide({}));
    await eventually('the session erased', async () =>
      (await shop.session(sessionId)) === null ? true : undefined,
    );
    expect(await seen(page)).toEqual([
      { analytics: true, personalization: true, storage: true },
      { analytics: false, personalization: false, storage: false },
    ]);
  });

  it('follows Google Consent Mode v2 commands in dataLayer, before and after load', async () => {
    const gtag = `<script>
      window.dataLayer = window.dataLayer || [];
      function gtag() { dataLayer.push(arguments); }
      gtag('consent', 'default', { analytics_storage: 'denied', personalization_storage: 'denied' });
    </script>`;
    const context = await newContext({ data: { ...FAST, consent: 'opt-out' }, head: gtag });
    const requests = recordApiRequests(context, shop.base);
    const page = await shop.open(context);
    await sdkLoaded(page);
    await call(page, 'track', 'Product Viewed', { product_id: 'sku-1' });
    await giveEveryChanceToSend(page);
    expect(requests).toEqual([]);
    expect(await deviceStorage(page)).toEqual(EMPTY_DEVICE);

    await page.evaluate(() =>
      (globalThis as unknown as { gtag(...a: unknown[]): void }).gtag('consent', 'update', {
        analytics_storage: 'granted',
        personalization_storage: 'granted',
      }),
    );
    await call(page, 'track', 'Product Viewed', { product_id: 'sku-2' });
    expect((await storedViews(page, 1)).map((e) => e.itemId)).toEqual(['sku-2']);
  });
});
