/**
 * Accessibility of the demo's pages with widgets, as axe-core sees them in a real Chromium against
 * `wrangler dev`: home (with and without the consent banner), a department, a product and the cart,
 * each once its recommendation slots show an answer. A violation fails with axe's own report
 * (rule, impact, the offending elements), which is what a person fixing it needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openShop, type Storefront, slotsFilled } from '../support/storefront.ts';
import { sharedDemoStorefront } from '../support/use-shared.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let shop: Storefront;

beforeAll(async () => {
  shop = await sharedDemoStorefront();
});
afterAll(async () => {
  await shop?.stop();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

interface Result {
  id: string;
  nodes: unknown[];
}

/**
 * axe's violations on the page as it is now, one line per rule and element. Also checks that axe
 * looked inside the widgets (their cards are list items in an open shadow root).
 */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const { found, listItems, cards } = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run(): Promise<{ violations: Violation[]; passes: Result[] }> };
      document: {
        querySelectorAll(
          s: string,
        ): ArrayLike<{ shadowRoot: { querySelectorAll(s: string): ArrayLike<unknown> } | null }>;
      };
    };
    const result = await axe.run();
    const widgets = Array.from(document.querySelectorAll('rec-widget'));
    return {
      found: result.violations,
      listItems: result.passes.find((r) => r.id === 'listitem')?.nodes.length ?? 0,
      cards: widgets.reduce((n, w) => n + (w.shadowRoot?.querySelectorAll('li').length ?? 0), 0),
    };
  });
  expect(listItems, 'axe checked the widget cards').toBeGreaterThanOrEqual(cards);
  return found.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`,
    ),
  );
}

it('reports no axe violation on the home page before consent (banner shown)', async () => {
  const context = await shop.context();
  const page = await openShop(context, shop.base);
  await page.locator('[data-consent=accept]').waitFor();
  await slotsFilled(page);
  expect(await violations(page)).toEqual([]);
  await context.close();
});

it.each([
  ['home', '/'],
  ['a department', '/category?c=watches'],
  ['a product', '/product?id=sku-00007'],
  ['the cart', '/cart'],
])('reports no axe violation on %s with its widgets filled', async (_name, path) => {
  const context = await shop.context();
  const first = await openShop(context, shop.base);
  await first.locator('[data-consent=accept]').click();
  if (path === '/cart') {
    // A cart with something in it: its page shows the cart's own recommendations.
    await first.goto(`${shop.base}/product?id=sku-00007`);
    await first.locator('[data-action=add-to-cart]').click();
  }
  await first.close();
  const page = await openShop(context, shop.base, path);
  await slotsFilled(page);
  expect(await page.locator('main rec-widget').count()).toBeGreaterThan(0);
  expect(await violations(page)).toEqual([]);
  await context.close();
});
