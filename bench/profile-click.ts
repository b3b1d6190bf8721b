/**
 * `tsx bench/profile-click.ts [--clicks 16] [--action product|cart]`: where the page's JavaScript
 * goes in the click task, from Chromium's CPU profiler (CDP `Profiler`, 50 µs samples) over each
 * click until the edge's fresh answer renders in the personal widget, against `wrangler dev` with the
 * demo prior published (run `npm run build` first). Prints JSON: ms per click by function (self and
 * total) with the script each belongs to. The profiler slows the page: read the shares.
 */
import { parseArgs } from 'node:util';
import { publishDemoModel } from '../test/support/demo-model.ts';
import { openShop, startStorefront } from '../test/support/storefront.ts';
import { type Profile, summarizeProfile } from './lib/cpu-profile.ts';
import { readyShop, toClick } from './lib/shop-clicks.ts';

const { values } = parseArgs({
  options: {
    clicks: { type: 'string', default: '16' },
    action: { type: 'string', default: 'product' },
    top: { type: 'string', default: '40' },
  },
});
const action = values.action as 'product' | 'cart';
if (action !== 'product' && action !== 'cart') throw new Error('--action must be product or cart');
const clicks = Number(values.clicks);

const RENDERED = `new Promise((resolve) => {
  const on = (e) => {
    const w = e.target;
    if (e.detail.source === 'push' && w.closest('.page.product') && w.getAttribute('placement') === 'home' && !w.hasAttribute('category')) {
      document.removeEventListener('rec-render', on, true);
      resolve(performance.now());
    }
  };
  document.addEventListener('rec-render', on, true);
})`;

// Per function over every click: self and total ms (summed per click, divided at the end).
const sums = new Map<string, { selfMs: number; totalMs: number }>();
function fold(profile: Profile): void {
  for (const { fn, selfMs, totalMs } of summarizeProfile(profile, 1).rows) {
    const sum = sums.get(fn) ?? { selfMs: 0, totalMs: 0 };
    sum.selfMs += selfMs;
    sum.totalMs += totalMs;
    sums.set(fn, sum);
  }
}

const shop = await startStorefront();
try {
  await publishDemoModel(shop.base, 60);
  const context = await shop.context();
  const page = await openShop(context, shop.base);
  const slugs = await readyShop(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  for (let i = 0; i < clicks; i++) {
    const selector = await toClick(page, slugs, i, action);
    await cdp.send('Profiler.start');
    await page.evaluate(
      `(() => { const r = ${RENDERED}; document.querySelector(${JSON.stringify(selector)}).click(); return r; })()`,
    );
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    fold(profile);
    await page.waitForTimeout(150);
  }
  const top = Number(values.top);
  const rows = (key: 'selfMs' | 'totalMs') =>
    [...sums.entries()]
      .sort((a, b) => b[1][key] - a[1][key])
      .slice(0, top)
      .map(([fn, sum]) => ({ fn, msPerClick: Number((sum[key] / clicks).toFixed(2)) }));
  console.log(
    JSON.stringify(
      { bench: 'profile-click', action, clicks, bySelf: rows('selfMs'), byTotal: rows('totalMs') },
      null,
      1,
    ),
  );
  await context.close();
} finally {
  await shop.stop();
}
