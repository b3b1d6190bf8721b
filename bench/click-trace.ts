/**
 * `tsx bench/click-trace.ts [--clicks 8] [--action product|cart]`: where the page's main thread goes
 * between a click and the edge's fresh answer in the personal widget, from a Chromium performance
 * trace (CDP `Tracing`) of each click, against `wrangler dev` with the demo prior published (run
 * `npm run build` first). Per click (ms since the click, p50 over the clicks): the click's task and
 * what it held (the router's `pushState`, the page's microtasks, forced style + layout, custom
 * element callbacks), the first frame after it, and when the events went up the socket, the edge's
 * `accepted` and the push for the personal widget were handled, and it rendered. Prints JSON.
 * The parts overlap (style and layout run inside the microtasks, element callbacks too). Tracing
 * slows the page: compare these with each other, not with bench/click-to-widget.ts.
 */
import { parseArgs } from 'node:util';
import { publishDemoModel } from '../test/support/demo-model.ts';
import { openShop, startStorefront } from '../test/support/storefront.ts';
import { readyShop, toClick } from './lib/shop-clicks.ts';
import { summarize } from './lib/stats.ts';

const { values } = parseArgs({
  options: { clicks: { type: 'string', default: '8' }, action: { type: 'string', default: 'product' } },
});
const action = values.action as 'product' | 'cart';
if (action !== 'product' && action !== 'cart') throw new Error('--action must be product or cart');
const clicks = Number(values.clicks);
if (!Number.isInteger(clicks) || clicks < 1 || clicks > 100) throw new Error('--clicks must be 1-100');

// Marks in the trace (blink.user_timing): events sent up the socket, each message down, each render.
const MARKS = `{
  const WS = WebSocket;
  const send = WS.prototype.send;
  WS.prototype.send = function (d) {
    if (typeof d === 'string' && d.startsWith('{"type":"events"')) performance.mark('x-send');
    return send.call(this, d);
  };
  window.WebSocket = class extends WS {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        const m = /^\\{"type":"(\\w+)"(?:,"id":"[^|"]*\\|([^|"]*)\\|[^|"]*\\|([^|"]*))?/.exec(String(e.data));
        const personal = m?.[2] === 'home' && !m?.[3];
        performance.mark('x-' + (m?.[1] === 'recommendations' ? (personal ? 'push' : 'other') : m?.[1]));
      });
    }
  };
  document.addEventListener('rec-render', (e) => {
    const w = e.target;
    if (e.detail.source === 'push' && w.closest('.page.product') && w.getAttribute('placement') === 'home' && !w.hasAttribute('category'))
      performance.mark('x-render');
  }, true);
}`;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

const CATEGORIES =
  'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,toplevel,blink,loading,v8.execute';
const INSIDE: Record<string, string> = {
  'FrameLoader::updateForSameDocumentNavigation': 'pushState',
  RunMicrotasks: 'microtasks',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  'CustomElementReactionQueue::invokeReactions': 'elementCallbacks',
  'ResourceFetcher::requestResource': 'requestResource',
};

/** One click's figures (ms since the click) from its trace events. */
function figures(events: TraceEvent[]): Record<string, number> | undefined {
  const click = events.find((e) => e.name === 'x-click');
  if (!click) return undefined;
  const main = events.filter((e) => e.pid === click.pid && e.tid === click.tid);
  const at = (e: TraceEvent | undefined) => (e ? (e.ts - click.ts) / 1000 : Number.NaN);
  const mark = (name: string) => main.find((e) => e.name === name && e.ts >= click.ts);
  const tasks = main.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const task = tasks.find((e) => e.ts <= click.ts && e.ts + e.dur! >= click.ts);
  if (!task) return undefined;
  const end = task.ts + task.dur!;
  const out: Record<string, number> = { clickTask: at({ ...task, ts: end }) };
  for (const name of Object.values(INSIDE)) out[name] = 0;
  // Outermost events only (a layout inside a forced style update is counted once).
  for (const e of main) {
    const key = INSIDE[e.name];
    if (key && e.ph === 'X' && e.ts >= task.ts && e.ts + e.dur! <= end) out[key] += e.dur! / 1000;
  }
  const frame = tasks.find(
    (e) =>
      e.ts >= end &&
      main.some(
        (f) => f.name === 'WebFrameWidgetImpl::BeginMainFrame' && f.ts >= e.ts && f.ts <= e.ts + e.dur!,
      ),
  );
  out.firstFrameEnd = frame ? at({ ...frame, ts: frame.ts + frame.dur! }) : Number.NaN;
  for (const name of ['send', 'accepted', 'push', 'render']) out[name] = at(mark(`x-${name}`));
  for (const k of Object.keys(out)) out[k] = Number(out[k].toFixed(1));
  return out;
}

const shop = await startStorefront();
try {
  await publishDemoModel(shop.base, 60);
  const context = await shop.context();
  await context.addInitScript({ content: MARKS });
  const page = await openShop(context, shop.base);
  const slugs = await readyShop(page);
  const cdp = await context.newCDPSession(page);
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < clicks; i++) {
    const selector = await toClick(page, slugs, i, action);
    const events: TraceEvent[] = [];
    const collect = (d: { value: object[] }) => events.push(...(d.value as TraceEvent[]));
    cdp.on('Tracing.dataCollected', collect);
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.waitForTimeout(50);
    // In-page code as strings: the bench is type-checked without the DOM library.
    await page.evaluate(
      `performance.mark('x-click'); document.querySelector(${JSON.stringify(selector)}).click()`,
    );
    await page
      .waitForFunction("performance.getEntriesByName('x-render').length > 0", undefined, { timeout: 5000 })
      .catch(() => undefined);
    await page.evaluate('performance.clearMarks()');
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
    const f = figures(events);
    if (f) samples.push(f);
    await page.waitForTimeout(150);
  }
  const keys = Object.keys(samples[0] ?? {});
  const p50 = Object.fromEntries(
    keys.map((k) => [k, summarize(samples.map((s) => s[k]).filter((v) => !Number.isNaN(v))).p50]),
  );
  console.log(
    JSON.stringify(
      { bench: 'click-trace', action, clicks, unit: 'ms since the click', p50, samples },
      null,
      2,
    ),
  );
  await context.close();
} finally {
  await shop.stop();
}
