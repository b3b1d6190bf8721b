/**
 * Why Chromium did not restore a page from the back/forward cache, in its own words. The page's
 * `notRestoredReasons` says only "masked" for every reason of Chromium's own; the DevTools
 * protocol's `Page.backForwardCacheNotUsed` names it (e.g. `IgnoreEventAndEvict`), and for that one
 * the browser's `DisallowActivationReason` histogram says what asked (36: an IndexedDB transaction
 * wanted a lock the cached page held; content/public/browser/disallow_activation_reason.h).
 */
import type { Browser, Page } from 'playwright-core';

/** Start listening on `page`; the returned function tells everything Chromium said, as JSON. */
export async function watchBackForwardCache(browser: Browser, page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  const notUsed: unknown[] = [];
  cdp.on('Page.backForwardCacheNotUsed', (e) => notUsed.push(e.notRestoredExplanationsTree));
  await cdp.send('Page.enable');
  return async () => {
    const histograms = await browser
      .newBrowserCDPSession()
      .then((b) =>
        b.send('Browser.getHistograms', {
          query: 'BackForwardCache.HistoryNavigationOutcome.DisallowActivationReason',
        }),
      )
      .then((r) => r.histograms.map((h) => h.buckets.map((b) => `${b.low}: ${b.count}`)))
      .catch(String);
    const notRestoredReasons = await page.evaluate(() => {
      const { performance } = globalThis as unknown as {
        performance: { getEntriesByType(type: string): { notRestoredReasons?: unknown }[] };
      };
      return performance.getEntriesByType('navigation')[0]?.notRestoredReasons ?? null;
    });
    return JSON.stringify({ devtools: notUsed, disallowActivationReasons: histograms, notRestoredReasons });
  };
}
