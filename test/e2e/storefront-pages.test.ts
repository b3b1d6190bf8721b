/**
 * The storefront's main pages in a real Chromium, with consent given: each renders, the "under
 * the hood" page shows this session's events as the SDK queued them, and a screenshot of every
 * page is written to test-results/ (git-ignored) for a person to look at.
 */
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { openShop, type Storefront, slotsFilled } from '../support/storefront.ts';
import { sharedDemoStorefront } from '../support/use-shared.ts';

const OUT = resolve(ROOT, 'test-results');
let shop: Storefront;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  shop = await sharedDemoStorefront();
  context = await shop.context();
});
afterAll(async () => {
  await context?.close().catch(() => {});
  await shop?.stop();
});

it('renders every main page and screenshots it; under the hood lists the events sent', async () => {
  const page = await openShop(context, shop.base);
  await page.locator('[data-consent=accept]').click();
  const shots: [string, string, string][] = [
    ['home', '/', 'Well-made things'],
    ['category', '/category?c=watches', 'Watches'],
    ['product', '/product?id=sku-00007', ''],
    ['cart', '/cart', 'Your cart'],
  ];
  for (const [name, path, heading] of shots) {
    await page.evaluate((p) => {
      // Client-side navigation, as the back/forward buttons do it.
      const w = globalThis as unknown as {
        history: { pushState(state: null, title: string, path: string): void };
        dispatchEvent(e: Event): boolean;
      };
      w.history.pushState(null, '', p);
      w.dispatchEvent(new Event('popstate'));
    }, path);
    await page.locator('main h1', { hasText: heading }).waitFor();
    if (name === 'product') await page.locator('[data-action=add-to-cart]').click();
    await slotsFilled(page);
    await page.screenshot({ path: resolve(OUT, `storefront-${name}.png`), fullPage: true });
  }
  await page.locator('main a.button', { hasText: 'Checkout' }).click();
  await page.locator('main h1', { hasText: 'Checkout' }).waitFor();
  await page.screenshot({ path: resolve(OUT, 'storefront-checkout.png'), fullPage: true });

  await page.locator('a.hood-link').click();
  await page.locator('main h1', { hasText: 'Under the hood' }).waitFor();
  const stream = page.locator('main table').last();
  await expect.poll(() => stream.textContent()).toContain('cart_add');
  const text = await stream.textContent();
  for (const type of ['list_view', 'view', 'cart_view', 'checkout_start']) expect(text).toContain(type);
  expect(await page.locator('main .fact', { hasText: 'Consent' }).textContent()).toContain(
    'personalization on',
  );
  await page.screenshot({ path: resolve(OUT, 'storefront-under-the-hood.png'), fullPage: true });

  for (const name of ['home', 'category', 'product', 'cart', 'checkout', 'under-the-hood']) {
    expect(statSync(resolve(OUT, `storefront-${name}.png`)).size).toBeGreaterThan(10_000);
  }
});
