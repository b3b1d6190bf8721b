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

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

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

const self = new Map<string, number>();
const total = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const name = (n: Node) => {
  const file = n.callFrame.url.split('/').pop() || '';
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
};

function fold(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    add(self, name(leaf), ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = name(byId.get(at)!);
      if (!seen.has(k)) add(total, k, ms);
      seen.add(k);
    }
  });
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
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, msPerClick: Number((ms / clicks).toFixed(2)) }));
  console.log(
    JSON.stringify(
      { bench: 'profile-click', action, clicks, bySelf: rows(self), byTotal: rows(total) },
      null,
      1,
    ),
  );
  await context.close();
} finally {
  await shop.stop();
}
