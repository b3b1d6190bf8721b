/**
 * The SDK never hurts the host page: it survives a page that breaks `fetch` or blocks IndexedDB,
 * stays silent when the endpoint is blocked, reports bad calls without throwing, and runs (web-vitals
 * chunk included) under a strict Content-Security-Policy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/observe.ts';
import {
  announceHidden,
  call,
  flush,
  context as recContext,
  sdkLoaded,
  stats,
  trackViews,
} from '../support/sdk-page.ts';
import type { Shop, StoredEvent } from '../support/sdk-shop.ts';
import { useSharedShop } from '../support/use-shared.ts';

let shop: Shop;
const FAST = { consent: 'opt-out', batchSize: '5', flushMs: '100', vitals: 'off' };

const newContext = useSharedShop((s) => {
  shop = s;
});

/** Uncaught errors, console errors and SDK warnings of a page. */
function watchPage(page: Page) {
  const problems: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (m) => {
    if (m.text().startsWith('[rec]')) warnings.push(m.text());
    // The browser itself logs failed requests ("Failed to load resource"); the SDK must add nothing.
    else if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  return { problems, warnings };
}

async function storedEvents(page: Page, count: number, type = 'view'): Promise<StoredEvent[]> {
  const { sessionId } = await recContext(page);
  return eventually(`${count} ${type} events stored`, async () => {
    const events = (await shop.session(sessionId))?.events.filter((e) => e.type === type) ?? [];
    return events.length >= count ? events : undefined;
  });
}

describe('a hostile or broken host page', () => {
  it('delivers through sendBeacon when the page replaced fetch with one that throws, and blocked IndexedDB', async () => {
    const context = await newContext({ data: FAST });
    await context.addInitScript(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      w.fetch = () => {
        throw new TypeError('fetch is disabled on this page');
      };
      Object.defineProperty(w, 'indexedDB', {
        get() {
          throw new DOMException('IndexedDB is blocked', 'SecurityError');
        },
      });
    });
    const page = await context.newPage();
    const { problems } = watchPage(page);
    await page.goto(`${shop.base}/e2e/shop.html`);
    await sdkLoaded(page);
    await trackViews(page, 0, 7);
    await flush(page);
    const events = await storedEvents(page, 7);
    expect(events.map((e) => e.props?.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(problems).toEqual([]);
  });

  it('keeps events when fetch rejects, and beacons them once the page is hidden', async () => {
    const context = await newContext({ data: FAST });
    await context.addInitScript(() => {
      (globalThis as unknown as Record<string, unknown>).fetch = () =>
        Promise.reject(new TypeError('offline'));
    });
    const page = await context.newPage();
    const { problems } = watchPage(page);
    await page.goto(`${shop.base}/e2e/shop.html`);
    await sdkLoaded(page);
    await trackViews(page, 0, 3);
    await flush(page);
    expect(await stats(page)).toMatchObject({ queued: 3, sent: 0, dropped: 0 });
    await announceHidden(page);
    expect((await storedEvents(page, 3)).map((e) => e.props?.n)).toEqual([0, 1, 2]);
    expect(problems).toEqual([]);
  });

  it('stays silent and keeps working when an ad blocker blocks the endpoint', async () => {
    const context = await newContext({ data: FAST });
    await context.route('**/v1/**', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const { problems, warnings } = watchPage(page);
    await page.goto(`${shop.base}/e2e/shop.html`);
    await sdkLoaded(page);
    await trackViews(page, 0, 12);
    await flush(page);
    expect(await stats(page)).toMatchObject({ queued: 12, sent: 0, dropped: 0 });
    expect(await call(page, 'consent')).toMatchObject({ analytics: true });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('reports bad calls with a warning that names the problem, and never throws', async () => {
    const context = await newContext({ data: FAST });
    const page = await context.newPage();
    const { problems, warnings } = watchPage(page);
    await page.goto(`${shop.base}/e2e/shop.html`);
    await sdkLoaded(page);
    const results = await page.evaluate(() => {
      const rec = (globalThis as unknown as { rec: Record<string, (...a: unknown[]) => unknown> }).rec;
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      return [
        rec.track('Bought Stuff'),
        rec.track('Product Viewed', 'sku-1'),
        rec.track('Product Viewed', cyclic),
        rec.identify(42),
        rec.consent('yes'),
        rec.on('consent', null),
      ].map((r) => typeof r);
    });
    expect(results).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'object', 'function']);
    expect(warnings).toEqual([
      '[rec] track: unknown event type "Bought Stuff"',
      '[rec] track(Product Viewed): props must be a plain object',
      '[rec] track(Product Viewed): props must be JSON-serialisable',
      '[rec] identify: userId must be a string of 1-128 characters, or null',
      '[rec] consent: pass { analytics, personalization } booleans',
    ]);
    expect(await stats(page)).toMatchObject({ queued: 0, sent: 0 });
    expect(problems).toEqual([]);
  });
});

describe('strict Content-Security-Policy', () => {
  it("runs with script-src 'self' plus the snippet's hash, web-vitals chunk included", async () => {
    const csp = `default-src 'self'; script-src 'self' ${shop.snippetCsp}; connect-src 'self'`;
    const context = await newContext({ data: { ...FAST, vitals: 'on' }, csp, app: `rec.page();` });
    await context.addInitScript(() => {
      const w = globalThis as unknown as {
        violations: string[];
        addEventListener(type: string, listener: (e: unknown) => void): void;
      };
      w.violations = [];
      w.addEventListener('securitypolicyviolation', (e) => {
        const v = e as unknown as { violatedDirective: string; blockedURI: string };
        w.violations.push(`${v.violatedDirective} ${v.blockedURI}`);
      });
    });
    const page = await context.newPage();
    const { problems } = watchPage(page);
    await page.goto(`${shop.base}/e2e/shop.html`);
    await sdkLoaded(page);
    await storedEvents(page, 1, 'page');
    const vitals = await storedEvents(page, 1, 'web_vital');
    expect(vitals[0].props).toMatchObject({ name: expect.stringMatching(/^(TTFB|FCP|LCP|CLS|INP)$/) });
    expect(await page.evaluate(() => (globalThis as unknown as { violations: string[] }).violations)).toEqual(
      [],
    );
    expect(problems).toEqual([]);
  });
});
