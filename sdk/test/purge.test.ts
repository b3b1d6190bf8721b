/**
 * Withdrawing consent deletes what the SDK stored on the device, even while another tab of the shop
 * holds the databases open: the real core (`rec.js`, database `rec`) and recommend extension
 * (`rec-recommend.js`, database `rec-recs`) in two pages of one Chromium profile. The edge is
 * answered by the test: events are never acknowledged (they stay stored), answers come from `answer`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { launchChromium } from '../../test/support/launch-chromium.ts';
import { bundle, CORE_BUNDLE, RECOMMEND_BUNDLE } from '../bundles.ts';
import type { Rec } from '../src/types.ts';

const ORIGIN = 'http://shop.test';
const PAGE = `<!doctype html><meta charset="utf-8">
<script src="/rec.js" data-key="demo" data-vitals="off"></script>
<script src="/rec-recommend.js"></script>`;
const ANSWER = {
  recId: 'r1',
  model: 'm1',
  placement: 'home',
  items: ['p1', 'p2', 'p3'].map((id, i) => ({ id, score: 1 - i / 10 })),
};

let browser: Browser;
let scripts: Record<string, string>;
let context: BrowserContext;
let answering: boolean;

type ShopWindow = { rec: Rec & { recommend(r: object): Promise<{ source: string }> } };

const open = async () => {
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/shop.html`);
  return page;
};
const consent = (page: Page, granted: boolean) =>
  page.evaluate((g) => {
    (window as unknown as ShopWindow).rec.consent({ analytics: g, personalization: g });
  }, granted);
const recommend = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as ShopWindow).rec.recommend({ placement: 'home', k: 2 }).then((r) => r.source),
  );
const databases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());

/** Rows in one object store (0 when the database does not exist; never creates it). */
const rows = (page: Page, db: string, store: string) =>
  page.evaluate(
    async ([db, store]) => {
      if (!(await indexedDB.databases()).some((d) => d.name === db)) return 0;
      return new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction(store, 'readonly').objectStore(store).count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      });
    },
    [db, store] as const,
  );

beforeAll(async () => {
  scripts = {
    '/rec.js': (await bundle(CORE_BUNDLE, { __VITALS_FILE__: '"rec-vitals.js"' })).code,
    '/rec-recommend.js': (await bundle(RECOMMEND_BUNDLE)).code,
  };
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  answering = true;
  context = await browser.newContext();
  await context.routeWebSocket(/\/v1\/recommendations\/ws/, () => {}); // open, silent
  await context.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/shop.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
    if (scripts[pathname]) return route.fulfill({ contentType: 'text/javascript', body: scripts[pathname] });
    if (pathname === '/v1/recommendations' && answering)
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(ANSWER) });
    if (pathname.endsWith('/forget')) return route.fulfill({ status: 202, body: '{}' });
    // Events (and answers once `answering` is off) never get an answer: they stay stored.
  });
});

it('withdrawing consent deletes both databases while another tab holds them open', async () => {
  const first = await open();
  await consent(first, true);
  await first.evaluate(() =>
    (window as unknown as ShopWindow).rec.track('Product Viewed', { product_id: 'p9' }),
  );
  expect(await recommend(first)).toBe('network');
  await expect.poll(() => rows(first, 'rec', 'kv')).toBe(2); // the session and the unsent event
  await expect.poll(() => rows(first, 'rec-recs', 'answers')).toBe(1);

  // A second tab reads both databases (and keeps its connections open); it writes nothing more.
  answering = false;
  const second = await open();
  await consent(second, true);
  await second.evaluate(() => new Promise((resolve) => (window as unknown as ShopWindow).rec.ready(resolve)));
  expect(await recommend(second)).toBe('cache');

  await consent(first, false);
  await expect.poll(() => databases(first), { timeout: 3000 }).toEqual([]);
  expect(await databases(second)).toEqual([]);
});
