/**
 * The storefront clicks the page benches time or trace (click-trace, profile-click): a visitor who
 * accepted consent and saw the personal widget, then for click i a department page and, for a cart
 * action, one of its products; returns the selector of what click i clicks.
 */
import type { Page } from 'playwright-core';

/** Accept consent, wait for the personal widget; the department slugs of the menu. */
export async function readyShop(page: Page): Promise<string[]> {
  await page.locator('[data-consent=accept]').click();
  await page.locator('rec-widget[placement=home] [data-item-id]').first().waitFor({ timeout: 30_000 });
  return page.$$eval('.departments-nav a', (links) =>
    links.map((a) => new URL(a.getAttribute('href') ?? '', 'http://x').searchParams.get('c') ?? ''),
  );
}

/**
 * Go to where click `i` starts (a department page; for `cart`, one of its products) and let its own
 * answers arrive; the selector to click: a product of the grid, or "Add to cart".
 */
export async function toClick(page: Page, slugs: string[], i: number, action: 'product' | 'cart') {
  const slug = slugs[i % slugs.length];
  await page.locator(`.departments-nav a[href="/category?c=${slug}"]`).click();
  await page.locator('.page.category ul.grid a[href^="/product"]').first().waitFor();
  let selector = `.page.category ul.grid li:nth-child(${Math.floor(i / slugs.length) + 1}) a[href^="/product"]`;
  if (action === 'cart') {
    await page.locator(selector).click();
    selector = '.page.product [data-action=add-to-cart]';
    await page.locator(selector).waitFor();
  }
  await page.waitForTimeout(300);
  return selector;
}
