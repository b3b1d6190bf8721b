/**
 * The shop owner's dashboard (`/admin/`) in a real Chromium against the real Worker: a scripted
 * scenario is posted through `/v1/events` (two shoppers shown the home widget, one clicks, adds to
 * cart and orders two lines of which one was recommended, the other's batch sent twice as a client
 * retry), and the page, unlocked with the admin token, shows its numbers as the report computes
 * them from the event log. Needs `GET /v1/admin/report` (branch report-13). Screenshots at phone and
 * desktop widths go to test-results/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RecommendationResponse } from '../../contracts/recommendations.ts';
import { toLocalInput } from '../../dashboard/src/range.ts';
import { ensurePriorModel } from '../../demo-site/scripts/demo-model.ts';
import { loadDemoCatalogue } from '../../demo-site/scripts/load-catalogue.ts';
import { postSessionEvents, type WireEvent } from '../../demo-site/scripts/post-events.ts';
import { seedTraffic } from '../../demo-site/scripts/seed-traffic.ts';
import { AdminClient } from '../../edge/scripts/publish/admin-client.ts';
import { publish } from '../../edge/scripts/publish-model.ts';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { readManifest } from '../../model/src/export/model-folder.ts';
import { deviceStorage } from '../support/observe.ts';
import { openShop, STOREFRONT_ADMIN_TOKEN, type Storefront, startStorefront } from '../support/storefront.ts';

const OUT = resolve(ROOT, 'test-results');
let shop: Storefront;
let context: BrowserContext;
const scenario = { seededEvents: 0, version: '', answers: [] as RecommendationResponse[] };

/** The home widget's answer for a session, as a shopper's page would get it. */
async function homeAnswer(sessionId: string): Promise<RecommendationResponse> {
  const res = await fetch(
    `${shop.base}/v1/recommendations?key=demo&session=${sessionId}&placement=home&k=4`,
    {
      headers: { origin: shop.base },
    },
  );
  expect(res.status).toBe(200);
  const answer = (await res.json()) as RecommendationResponse;
  expect(answer.items.length).toBe(4);
  return answer;
}

const impressions = (prefix: string, a: RecommendationResponse, ts: number): WireEvent[] =>
  a.items.map((item, position) => ({
    id: `${prefix}-imp-${position}`,
    type: 'impression',
    ts: ts + position,
    itemId: item.id,
    props: { product_id: item.id, recId: a.recId, placement: a.placement, position },
  }));

beforeAll(async () => {
  shop = await startStorefront();
  await loadDemoCatalogue(shop.base, STOREFRONT_ADMIN_TOKEN);
  const model = ensurePriorModel();
  await publish(model, new AdminClient(shop.base, STOREFRONT_ADMIN_TOKEN), () => {}, 'demo');
  scenario.version = readManifest(model).version;
  // Views only (no widget, no order): trending has items, the funnel stays the scenario's own.
  scenario.seededEvents = await seedTraffic(shop.base, 20, 'demo', 99, { shoppers: false });

  const t = Date.now() - 60_000;
  const a = await homeAnswer('dash-e2e-shopper-a');
  const b = await homeAnswer('dash-e2e-shopper-b');
  scenario.answers = [a, b];
  const clicked = a.items[0]!.id;
  await postSessionEvents(shop.base, 'demo', 'dash-e2e-shopper-a', [
    ...impressions('dash-e2e-a', a, t),
    {
      id: 'dash-e2e-a-click',
      type: 'rec_click',
      ts: t + 10_000,
      itemId: clicked,
      props: { product_id: clicked, recId: a.recId, placement: 'home', position: 0 },
    },
    {
      id: 'dash-e2e-a-cart',
      type: 'cart_add',
      ts: t + 20_000,
      itemId: clicked,
      props: { product_id: clicked, price: 20, quantity: 2 },
    },
    {
      id: 'dash-e2e-a-order',
      type: 'Order Completed',
      ts: t + 30_000,
      props: {
        order_id: 'o-dash-e2e',
        currency: 'EUR',
        // 2 × 20 was recommended and clicked; 1 × 5 was not: €40.00 attributed to home.
        products: [
          { product_id: clicked, price: 20, quantity: 2 },
          { product_id: 'sku-not-recommended', price: 5, quantity: 1 },
        ],
      },
    },
  ]);
  const bEvents = impressions('dash-e2e-b', b, t);
  await postSessionEvents(shop.base, 'demo', 'dash-e2e-shopper-b', bEvents);
  await postSessionEvents(shop.base, 'demo', 'dash-e2e-shopper-b', bEvents); // a client retry: duplicates
  context = await shop.context();
});
afterAll(async () => {
  await context?.close().catch(() => {});
  await shop?.stop();
});

/** Open /admin/ and unlock it with `token`. */
async function unlock(page: Page, token: string): Promise<void> {
  await page.goto(`${shop.base}/admin/`);
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Show the dashboard' }).click();
}

/** The cells of the table under "Show as a table" of a figure, opened with the keyboard. */
async function tableOf(page: Page, figure: string): Promise<string[][]> {
  const fig = page.locator('figure', { has: page.locator('figcaption', { hasText: figure }) });
  const summary = fig.getByText('Show as a table');
  if (!(await fig.locator('details').evaluate((d) => (d as { open: boolean }).open))) {
    await summary.focus();
    await page.keyboard.press('Enter');
  }
  return fig
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.children, (c) => (c as { textContent: string }).textContent.trim())),
    );
}

it('asks for the admin token, refuses a wrong one, keeps the right one in memory only', async () => {
  const page = await context.newPage();
  await unlock(page, 'not-the-token');
  await page.getByText('This token is not the admin token.').waitFor();
  await page.getByLabel('Admin token').fill(STOREFRONT_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Show the dashboard' }).click();
  await page.locator('#traffic').waitFor();
  const stored = await deviceStorage(page);
  expect([stored.localStorage, stored.sessionStorage, stored.cookies]).toEqual([0, 0, 0]);
  await page.reload();
  await page.getByLabel('Admin token').waitFor();
  expect(await page.locator('#traffic').count()).toBe(0);
  await page.close();
});

it("shows the scenario's funnel, revenue, experiment arms, model and coverage, live", async () => {
  const page = await context.newPage();
  await unlock(page, STOREFRONT_ADMIN_TOKEN);
  const home = page.locator('article[data-placement="home"]');
  // The report reads the event log (Queue → R2, batches every few seconds); the page polls every 5 s.
  await home.getByText('€40.00').waitFor({ timeout: 45_000 });
  expect(await tableOf(page, 'Funnel of home')).toEqual([
    ['Impressions', '8', '–'],
    ['Clicks', '1', '12.5 %'],
    ['Add to carts', '1', '100.0 %'],
    ['Orders', '1', '100.0 %'],
  ]);
  await expect.poll(() => home.locator('.stat').first().textContent()).toContain('12.5 %');
  expect(await home.locator('.stat').nth(1).textContent()).toContain('1 order');

  // Each shopper is one visitor of the arm the edge put it in; shopper A (with the order) converts.
  const arms = new Map<string, number>();
  for (const a of scenario.answers) arms.set(a.variant!, (arms.get(a.variant!) ?? 0) + 1);
  const variants = page.locator('article[data-experiment="home-diversity"] table').first();
  const rows = await variants
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((r) => Array.from(r.children, (c) => (c as { textContent: string }).textContent.trim())),
    );
  for (const [variant, visitors] of arms)
    expect(rows.find((r) => r[0]!.startsWith(variant))?.[1]).toBe(String(visitors));
  await page
    .getByText(/^Method: /)
    .first()
    .waitFor();

  // Traffic: every accepted event, the retry included; the model that answers; the items shown.
  const accepted = scenario.seededEvents + 7 + 4 + 4;
  await expect
    .poll(() => page.locator('#traffic .stat').first().textContent(), { timeout: 20_000 })
    .toContain(accepted.toLocaleString('en'));
  expect(await page.locator('#model').textContent()).toContain(scenario.version);
  const shown = new Set(scenario.answers.flatMap((a) => a.items.map((i) => i.id)));
  expect(await page.locator('#coverage').textContent()).toContain(`${shown.size} of 3,000 live items`);
  expect(await page.locator('#alerts').textContent()).toContain('No threshold is breached.');

  // Keyboard only: the range picker's radios move with the arrow keys and the numbers stay.
  await page.getByLabel('Last 24 h').focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.getByLabel('Last 7 days').isChecked()).toBe(true);
  await home.getByText('€40.00').waitFor();
  // A custom range: refused when it ends before it starts; yesterday has none of the scenario; a
  // range around now has it again.
  await page.keyboard.press('ArrowRight');
  const now = Date.now();
  const range = async (from: number, to: number) => {
    await page.getByLabel('From', { exact: true }).fill(toLocalInput(from));
    await page.getByLabel('To', { exact: true }).fill(toLocalInput(to));
    await page.getByRole('button', { name: 'Apply' }).click();
  };
  await range(now, now - 3_600_000);
  await page.getByText('The end must be after the start.').waitFor();
  await range(now - 48 * 3_600_000, now - 24 * 3_600_000);
  await page.getByText('No impressions, clicks or attributed orders in this range yet.').waitFor();
  await range(now - 2 * 3_600_000, now + 3_600_000);
  await home.getByText('€40.00').waitFor();
  await page.getByLabel('Last 24 h').check();

  // Every table open, then axe-core: nothing a screen reader or keyboard user would trip over.
  await page.locator('details').evaluateAll((all) => {
    for (const d of all) (d as { open: boolean }).open = true;
  });
  await page.addScriptTag({ path: resolve(ROOT, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    return (await axe.run()).violations.map((v) => `${v.impact}: ${v.id}`);
  });
  expect(violations).toEqual([]);

  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: resolve(OUT, 'dashboard-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction(() => (globalThis as unknown as { innerWidth: number }).innerWidth === 360);
  // Redrawn for the narrow column on the next poll or resize; nothing wider than the phone.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      ),
    )
    .toBeLessThanOrEqual(360);
  await page.screenshot({ path: resolve(OUT, 'dashboard-phone.png'), fullPage: true });
  await page.close();
});

// Last: the shop's own page sends requests and events that the counts above do not expect.
it("is linked from the shop's footer (a page of its own, not a route of the shop)", async () => {
  const page = await openShop(context, shop.base, '/');
  await page.getByRole('link', { name: 'Dashboard (shop owner)' }).click();
  await page.getByLabel('Admin token').waitFor();
  expect(new URL(page.url()).pathname).toBe('/admin/');
  // Its own tab icon: without one the browser asks for /favicon.ico, a 404 in the owner's console.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200);
  await page.close();
});
