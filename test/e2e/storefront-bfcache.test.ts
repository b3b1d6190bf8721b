/**
 * The back/forward cache, end to end: real Chromium (with bfcache, which playwright-core disables
 * by default), real SDK, real `wrangler dev`. A shop page with live recommendations is restored
 * from the cache when the visitor goes back (the push socket closed on pagehide, no IndexedDB
 * transaction left open), and the widget gets fresh pushes again after the return.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { watchBackForwardCache } from '../support/bfcache.ts';
import { openShop, type Storefront } from '../support/storefront.ts';
import { sharedDemoStorefront } from '../support/use-shared.ts';

let shop: Storefront;

beforeAll(async () => {
  shop = await sharedDemoStorefront({ bfcache: true });
});
afterAll(async () => {
  await shop?.stop();
});

interface Trace {
  shows: { persisted: boolean; at: number }[];
  pushes: { placement: string | null; at: number }[];
}

// Installed once per document: a page restored from the bfcache keeps its listeners and its log.
const TRACE = `window.trace = { shows: [], pushes: [] };
addEventListener('pageshow', (e) => trace.shows.push({ persisted: e.persisted, at: performance.now() }));
document.addEventListener('rec-render', (e) => {
  if (e.detail.source === 'push') trace.pushes.push({ placement: e.target.getAttribute('placement'), at: performance.now() });
}, true);`;
const trace = (page: Page) => page.evaluate(() => (globalThis as unknown as { trace: Trace }).trace);

/** Leave the home page for a category page (a new document) and come back with the browser's back. */
async function leaveAndComeBack(page: Page): Promise<void> {
  await page.goto(`${shop.base}/category?c=shoes`); // a new document, not the shop's client-side routing
  await page.locator('main h1').waitFor();
  // A restored page fires no `load`: wait for the commit only (the default would time out).
  await page.goBack({ waitUntil: 'commit' });
  await page.locator('main h1', { hasText: /well-made/i }).waitFor();
}

/** The home page, traced, consent given, once an answer pushed over its socket reached a widget. */
async function openLive() {
  const context = await shop.context();
  await context.addInitScript({ content: TRACE });
  const page = await openShop(context, shop.base);
  const whyNot = await watchBackForwardCache(shop.browser, page);
  await page.locator('[data-consent=accept]').click();
  await expect.poll(async () => (await trace(page)).pushes.length, { timeout: 20_000 }).toBeGreaterThan(0);
  return { context, page, whyNot };
}

it('restores a page with live recommendations from the bfcache, and pushes reach the widget after the return', async () => {
  const { context, page, whyNot } = await openLive();

  await leaveAndComeBack(page);
  const { shows } = await trace(page);
  // A page that was not restored is a new document: its log starts again with one non-persisted show.
  expect(shows.at(-1), `not restored from the bfcache: ${await whyNot()}`).toMatchObject({ persisted: true });
  // Sockets closed on pagehide deliver nothing more: a push after the return came over a new one.
  const restoredAt = shows.at(-1)!.at;
  await expect
    .poll(async () => (await trace(page)).pushes.filter((p) => p.at > restoredAt).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  await context.close();
});

it('restores a page that stored a burst of events just before the visitor left', async () => {
  // Each event is written to IndexedDB (the queue's mirror) and, on pagehide, deleted again once
  // beaconed. Transactions still open or queued when the page froze held the store's lock, and the
  // next page's first transaction had Chromium evict the cached page (2026-12-01: 6 of 20 runs).
  const { context, page, whyNot } = await openLive();
  await page.evaluate(() => {
    const { rec } = globalThis as unknown as { rec: { page(): void } };
    for (let i = 0; i < 20; i++) rec.page();
  });

  await leaveAndComeBack(page);
  const { shows } = await trace(page);
  expect(shows.at(-1), `not restored from the bfcache: ${await whyNot()}`).toMatchObject({ persisted: true });
  await context.close();
});
