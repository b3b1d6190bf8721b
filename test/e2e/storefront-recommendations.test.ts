/**
 * Recommendations in the storefront, end to end: real Chromium, real SDK, real `wrangler dev`
 * with the demo catalogue's model published and other shoppers' sessions posted. Browsing a
 * department turns the personal slot towards it on the device at once; a reload shows the cached
 * answer before any network answer; without consent contextual recommendations still show; item
 * data from the edge is rendered as text.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deviceStorage, eventually, imageHandlersRan } from '../support/observe.ts';
import { cachedRecIds } from '../support/sdk-page.ts';
import { openShop, type Storefront } from '../support/storefront.ts';
import { useSharedStorefront } from '../support/use-shared.ts';

let shop: Storefront;

const newContext = useSharedStorefront((s) => {
  shop = s;
});

interface Render {
  placement: string | null;
  category: string | null;
  page: string;
  source: string;
  categories: string[];
}

/** Record every widget render of the page into `window.renders` (from the first script on). */
async function recordRenders(context: BrowserContext): Promise<void> {
  await context.addInitScript({
    content: `window.renders = [];
document.addEventListener('rec-render', (e) => window.renders.push({
  placement: e.target.getAttribute('placement'), category: e.target.getAttribute('category'),
  page: e.target.closest('.page')?.className ?? '', source: e.detail.source,
  categories: e.detail.items.map((i) => i.category),
}), true);`,
  });
}
const renders = (page: Page) => page.evaluate(() => (globalThis as unknown as { renders: Render[] }).renders);
const cards = (page: Page, selector: string) => page.locator(`${selector} [data-item-id]`);

describe('with consent', () => {
  it('browsing a department turns "Recommended for you" towards it on the device, before the edge answers', async () => {
    const context = await newContext();
    await recordRenders(context);
    const page = await openShop(context, shop.base);
    await page.locator('[data-consent=accept]').click();
    await cards(page, '[data-placement=trending] rec-widget').first().waitFor();
    await cards(page, '[data-placement=home] rec-widget').first().waitFor();
    // A department among the personal slot's own candidates that does not lead it (the re-rank
    // only re-orders that slot's candidates).
    const before = await renders(page);
    const home = before.filter((r) => r.placement === 'home').at(-1)!;
    const department = home.categories.find((c) => c !== home.categories[0])!;
    const shareBefore = home.categories.slice(0, 4).filter((c) => c === department).length;

    await page.locator(`.departments-nav a[href="/category?c=${department}"]`).click();
    await page.locator('main h1', { hasText: new RegExp(department, 'i') }).waitFor();
    const first = (await renders(page)).find(
      (r) => r.page.includes('category') && r.placement === 'home' && !r.category,
    )!;
    expect(['memory', 'rerank']).toContain(first.source); // from the device, no round trip
    expect(first.categories[0]).toBe(department);
    expect(first.categories.filter((c) => c === department).length).toBeGreaterThan(shareBefore);
  });

  it('shows the cached recommendations after a reload before any network answer', async () => {
    const context = await newContext();
    await recordRenders(context);
    const page = await openShop(context, shop.base);
    await page.locator('[data-consent=accept]').click();
    await cards(page, '[data-placement=home] rec-widget').first().waitFor();
    // New answers keep arriving (pushed as the session changes) and the cache writes each to the
    // device a moment later: wait until the answer on screen is the one stored.
    const shown = await eventually('the answer on screen stored on the device', async () => {
      const onScreen = await page.locator('[data-placement=home] rec-widget').evaluate((w) => {
        const recs = (w as unknown as { recommendations?: { recId: string; items: { id: string }[] } })
          .recommendations;
        return { recId: recs?.recId, ids: recs?.items.map((item) => item.id) };
      });
      return onScreen.recId && (await cachedRecIds(page)).includes(onScreen.recId) ? onScreen.ids : undefined;
    });

    // From now on the edge answers recommendation requests only after 5 s.
    let held = 0;
    await context.route('**/v1/recommendations?*', async (route) => {
      held++;
      await new Promise((r) => setTimeout(r, 5000));
      await route.continue().catch(() => {});
    });
    await page.reload();
    await cards(page, '[data-placement=home] rec-widget').first().waitFor({ timeout: 3000 });
    const first = (await renders(page)).find((r) => r.placement === 'home')!;
    expect(first.source).toBe('cache');
    expect(held).toBeGreaterThan(0); // a request was made, and had not been answered
    const again = await cards(page, '[data-placement=home] rec-widget').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-item-id')),
    );
    expect(again).toEqual(shown);
  });
});

describe('without consent', () => {
  it('still shows contextual recommendations (similar items, trending) and stores nothing', async () => {
    const context = await newContext();
    const page = await openShop(context, shop.base);
    await page.locator('[data-consent=deny]').click();
    await cards(page, '[data-placement=trending] rec-widget').first().waitFor();
    await page.locator('[data-placement=trending] rec-widget [data-item-id] a').first().click();
    await page.locator('[data-action=add-to-cart]').waitFor();
    await cards(page, '[data-placement=product] rec-widget').first().waitFor();
    expect(await cards(page, '[data-placement=product] rec-widget').count()).toBeGreaterThan(0);
    expect(await deviceStorage(page)).toEqual({
      localStorage: 0,
      sessionStorage: 0,
      indexedDB: [],
      documentCookie: '',
      cookies: 0,
    });
  });
});

describe('hostile item data from the edge', () => {
  it('renders a hostile title as text in the widget', async () => {
    const context = await newContext();
    const hostile = '<img src=x onerror="window.__xss=1">';
    await context.route('**/v1/recommendations?*', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (const item of body.items ?? []) item.title = hostile;
      await route.fulfill({ response: res, json: body });
    });
    const page = await openShop(context, shop.base);
    await page.locator('[data-consent=deny]').click();
    const title = page
      .locator('[data-placement=trending] rec-widget [data-item-id] [data-field=title]')
      .first();
    await expect.poll(() => title.textContent()).toBe(hostile);
    await imageHandlersRan(page);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('rec-widget img[src="x"]').count()).toBe(0);
  });
});
