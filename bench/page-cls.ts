/**
 * `tsx bench/page-cls.ts [--loads 5]`: in a real Chromium against `wrangler dev` with the demo model
 * published, the layout shift the recommendation widgets cause on the home, a department and a
 * product page (first visit, then reload with the cached answers), measured with the Layout
 * Instability API; and LCP with the widgets vs the same pages with the widget scripts blocked.
 * Prints JSON. Target: widget CLS 0.00 everywhere, LCP ratio within noise of 1.
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { bundle, SDK_BUNDLES } from '../sdk/bundles.ts';
import { publishDemoModel } from '../test/support/demo-model.ts';
import { slotsFilled, startStorefront } from '../test/support/storefront.ts';
import { summarize } from './lib/stats.ts';

const { values } = parseArgs({ options: { loads: { type: 'string', default: '5' } } });
const loads = Number(values.loads);
if (!Number.isInteger(loads) || loads < 1 || loads > 50) throw new Error('--loads must be 1-50');

// Runs in the page before any script. A shift counts for the widgets when one of its sources is a
// widget, inside one (shadow DOM included), or after the first widget in document order (content
// the widget pushed down); shifts right after input are excluded, as CLS does.
const IN_PAGE = `window.__shifts = { total: 0, widget: 0, entries: 0 }; window.__lcp = 0;
const inWidget = (n) => { for (; n; n = n.parentNode || n.host) if (n.localName === 'rec-widget') return true; return false; };
new PerformanceObserver((list) => { for (const e of list.getEntries()) {
  if (e.hadRecentInput) continue;
  window.__shifts.total += e.value; window.__shifts.entries++;
  const first = document.querySelector('rec-widget');
  const mine = e.sources.some((s) => s.node && (inWidget(s.node) || (first && (first.compareDocumentPosition(s.node) & 4 || s.node.contains?.(first)))));
  if (mine) window.__shifts.widget += e.value;
} }).observe({ type: 'layout-shift', buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });`;

interface Probe {
  shifts: { total: number; widget: number; entries: number };
  lcp: number;
}
const read = (page: Page): Promise<Probe> =>
  page.evaluate(() => {
    const w = globalThis as unknown as { __shifts: Probe['shifts']; __lcp: number };
    return { shifts: w.__shifts, lcp: w.__lcp };
  });

/** Wait for every slot to show an answer, then for images and late shifts to settle. */
async function settle(page: Page, widgets = true): Promise<void> {
  await page.locator('main h1').waitFor();
  if (widgets) await slotsFilled(page);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(800);
}

const round = (x: number) => Number(x.toFixed(4));

const shop = await startStorefront();
try {
  const model = await publishDemoModel(shop.base, 60);
  const pages = { home: '/', department: '/category?c=jackets', product: '' };
  // A real product id: the first card of the department page.
  {
    const ctx = await shop.context();
    const p = await ctx.newPage();
    await p.goto(shop.base + pages.department);
    pages.product = (await p.locator('main .grid .card a').first().getAttribute('href')) ?? '/';
    await ctx.close();
  }

  const cls: Record<string, { firstVisit: Probe['shifts']; reload: Probe['shifts'] }> = {};
  for (const [name, path] of Object.entries(pages)) {
    const context = await shop.context();
    await context.addInitScript({ content: IN_PAGE });
    const page = await context.newPage();
    await page.goto(shop.base + path);
    await settle(page);
    const firstVisit = (await read(page)).shifts;
    // Accept consent (personal answers get cached), let the slots refresh, then reload.
    await page
      .locator('[data-consent=accept]')
      .click()
      .catch(() => {});
    await page.waitForTimeout(1500);
    await page.reload();
    await settle(page);
    const reload = (await read(page)).shifts;
    cls[name] = {
      firstVisit: { ...firstVisit, total: round(firstVisit.total), widget: round(firstVisit.widget) },
      reload: { ...reload, total: round(reload.total), widget: round(reload.widget) },
    };
    await context.close();
  }

  // LCP of the same page with and without the widgets, loads interleaved so drift hits both alike.
  const lcp: Record<string, { withMs: number; withoutMs: number; ratio: number }> = {};
  for (const [name, path] of Object.entries(pages)) {
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      for (const blocked of [false, true]) {
        const context: BrowserContext = await shop.context();
        await context.addInitScript({ content: IN_PAGE });
        if (blocked) await context.route(/\/rec-(widget|recommend)\.js$/, (r) => r.abort());
        const page = await context.newPage();
        await page.goto(shop.base + path);
        await settle(page, !blocked);
        (blocked ? withoutMs : withMs).push((await read(page)).lcp);
        await context.close();
      }
    }
    const a = summarize(withMs).p50;
    const b = summarize(withoutMs).p50;
    lcp[name] = { withMs: round(a), withoutMs: round(b), ratio: round(a / b) };
  }

  const gzip: Record<string, number> = {};
  for (const spec of SDK_BUNDLES) gzip[spec.out] = gzipSync((await bundle(spec)).code, { level: 9 }).length;

  console.log(
    JSON.stringify(
      {
        bench: 'page-cls',
        model,
        pages,
        unit: 'CLS (Layout Instability API); widget = shifts with a source in or below a <rec-widget>',
        cls,
        lcpP50: { loads, ...lcp },
        gzipBytes: gzip,
        targetWidgetCls: 0,
        met: Object.values(cls).every((c) => c.firstVisit.widget === 0 && c.reload.widget === 0),
      },
      null,
      2,
    ),
  );
} finally {
  await shop.stop();
}
