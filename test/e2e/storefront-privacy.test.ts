/**
 * The demo storefront in a real Chromium against `wrangler dev`: a visitor who declines (or never
 * answers) the consent banner can shop, leaves nothing on the device and sends no behavioural
 * event; product data is rendered as text, so a hostile title cannot run script.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deviceStorage, imageHandlersRan, recordApiRequests, requestsReported } from '../support/observe.ts';
import { announceHidden, flush } from '../support/sdk-page.ts';
import { openShop, type Storefront } from '../support/storefront.ts';
import { useSharedStorefront } from '../support/use-shared.ts';

let shop: Storefront;
const EMPTY_DEVICE = { localStorage: 0, sessionStorage: 0, indexedDB: [], documentCookie: '', cookies: 0 };

const newContext = useSharedStorefront((s) => {
  shop = s;
});

/** Browse like a shopper (a department, a product into the cart, the cart); returns the product id. */
async function shopAround(page: Page): Promise<string> {
  await page.locator('.departments-nav a', { hasText: 'Watches' }).click();
  await page.locator('main h1', { hasText: 'Watches' }).waitFor();
  await page.locator('main .grid .card a').first().click();
  await page.locator('[data-action=add-to-cart]').waitFor();
  const productId = new URL(page.url()).searchParams.get('id')!;
  await page.locator('[data-action=add-to-cart]').click();
  await page.locator('.cart-link').click();
  await page.locator('main h1', { hasText: 'Your cart' }).waitFor();
  // Everything the SDK might still send or store: flush, hide the tab, run the timers it set (the
  // answer cache writes 300 ms after an answer, an impression counts after 1 s), then wait until
  // every request started by then has been reported.
  await flush(page);
  await announceHidden(page);
  await page.clock.runFor(2000);
  await requestsReported(page);
  return productId;
}

describe('storefront without consent', () => {
  for (const [name, decline] of [
    ['declined', true],
    ['never answered', false],
  ] as const) {
    it(`consent ${name}: asks only for contextual recommendations, stores nothing, sends no event`, async () => {
      const context = await newContext();
      await context.clock.install(); // time flows as usual until shopAround runs the SDK's timers at once
      const requests = recordApiRequests(context, shop.base);
      const urls: string[] = [];
      context.on('request', (r) => urls.push(r.url()));
      const page = await openShop(context, shop.base);
      if (decline) await page.locator('[data-consent=deny]').click();
      const id = await shopAround(page);
      expect(await page.locator('[data-cart-count]').textContent()).toBe('1'); // the shop still works

      expect(requests.filter((r) => r.path === '/v1/events')).toEqual([]);
      const recs = requests.filter((r) => r.path === '/v1/recommendations').map((r) => r.method);
      expect(recs.length).toBeGreaterThan(0);
      expect(recs.every((m) => m === 'GET')).toBe(true);
      expect(requests.every((r) => r.path === '/v1/recommendations')).toBe(true);
      // "Similar to this product" was asked for the product on the page (contextual, no history).
      expect(urls.some((u) => u.includes('placement=product') && u.includes(`item=${id}`))).toBe(true);
      expect(await deviceStorage(page)).toEqual(EMPTY_DEVICE);
    });
  }
});

describe('storefront rendering', () => {
  it('renders a hostile product title as text: no script runs, no element is injected', async () => {
    const context = await newContext();
    const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    // The shop's own catalogue file, with one title replaced: what a compromised product feed would do.
    await context.route(`${shop.base}/catalogue.json`, async (route) => {
      const res = await route.fetch();
      const doc = await res.json();
      doc.items[0][1] = hostile;
      await route.fulfill({ response: res, json: doc });
    });
    const page = await openShop(context, shop.base, '/product?id=sku-00001');
    expect(await page.locator('main h1').textContent()).toBe(hostile);
    await page.goto(`${shop.base}/search?q=onerror`);
    await page.locator('main .grid .card').first().waitFor();
    expect(await page.locator('main .grid .card-title').first().textContent()).toBe(hostile);
    await imageHandlersRan(page);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
  });
});
