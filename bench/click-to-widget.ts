/**
 * `tsx bench/click-to-widget.ts [--clicks 32] [--model prior|trained] [--action department|product|cart]
 * [--images edge|stub]`:
 * in a real Chromium against `wrangler dev` with a demo model published (the department prior, or
 * the model trained on generated sessions as `npm start` does), act in the storefront and time until
 * the personal widget (`placement=home`, no category) shows updated recommendations: first the
 * on-device re-rank (from the cache), then the edge's fresh answer (push or request).
 * `department`: click a department in the menu (a `list_view`, which the edge does not read);
 * `product`: from a department page, click a product (a `view`, an item interaction);
 * `cart`: on a product page, click "Add to cart" (a `cart_add`; the widget stays on the page).
 * Prints JSON; target: p50 <= 50 ms from click to updated widget. Bounded: `--clicks` actions.
 * `stages` splits the edge's fresh answer where it goes over the push socket (item interactions):
 * click → events sent up the socket, → the edge's `accepted` (limit check + ingest), → the answer
 * pushed for the personal widget (recommend + push), → the widget rendered it. `ingest` is timed
 * by the page: the session object's limit check and ingest take 1-2 ms (traced in the object);
 * the rest is the Worker's turn that starts the pushes before the answer leaves, the storage
 * commit the output gate holds it for, and, on a product click, the page's own navigation holding
 * the main thread (~17 ms of script in the click task, then its first frame): read `ingest + push`
 * as one. Measured on 2026-12-02 (load 4-6, bench/click-trace.ts and stamps from the object): after a
 * product click the page's main thread is free at ~30-40 ms, before the `accepted` (~50) and the
 * push (~85-115) are handled; the events reach the session object 2-54 ms after they were sent
 * (wrangler dev's workerd also serves the new page's images meanwhile: `--images stub` takes
 * `edgeCpuMsPerStep` from 127/118 to 100/101 ms). Locally every Worker, object and binding
 * simulator runs its JavaScript on workerd's one thread: a socket `ping` answers in 1.6 ms idle but
 * 33 ms when sent right after a cart click (behind the ingest and the push), so on loopback the
 * fresh answer follows the edge's CPU per click more than any one stage. `edgeCpuMsPerStep`: CPU
 * time of `wrangler dev` and workerd per step (getting to the start page, then the action).
 */
import { parseArgs } from 'node:util';
import { ensureDemoModel } from '../demo-site/scripts/demo-model.ts';
import { publishDemoModel } from '../test/support/demo-model.ts';
import { openShop, startStorefront } from '../test/support/storefront.ts';
import { groupCpuSeconds } from './lib/process-cpu.ts';
import { summarize } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    clicks: { type: 'string', default: '32' },
    model: { type: 'string', default: 'prior' },
    action: { type: 'string', default: 'department' },
    // Diagnosis only: `stub` answers the shop's /img/ requests in the browser, so `wrangler dev`'s
    // one workerd thread does not serve them ahead of the socket's events (as a CDN would in production).
    images: { type: 'string', default: 'edge' },
  },
});
const action = values.action as 'department' | 'product' | 'cart';
if (!['department', 'product', 'cart'].includes(action))
  throw new Error('--action must be department, product or cart');
if (values.model !== 'prior' && values.model !== 'trained')
  throw new Error('--model must be prior or trained');
const clicks = Number(values.clicks);
if (!Number.isInteger(clicks) || clicks < 1 || clicks > 500) throw new Error('--clicks must be 1-500');

// Runs in the page (a plain script: no bundler helpers). Clicks `selector` and resolves with the
// times (ms since the click) of the first render of the personal widget inside `.page.<kind>`
// (on-device) and of its first render from the edge, plus the share of `slug` items shown.
// Every push socket's traffic is timed too: events sent up, the edge's answers and its pushes.
const IN_PAGE = `window.__ws = [];
{
  const WS = WebSocket;
  const send = WS.prototype.send;
  WS.prototype.send = function (data) {
    if (typeof data === 'string' && data.startsWith('{"type":"events"')) __ws.push(['send', performance.now()]);
    return send.call(this, data);
  };
  window.WebSocket = class extends WS {
    constructor(...args) {
      super(...args);
      // The personal widget's pushes: placement home, no category (as the render below). One socket
      // per widget named it in its URL; the page's one socket names it in each push's id (the SDK's
      // cache key: session|placement|item|category|exclude).
      const q = new URL(this.url).searchParams;
      const own = q.get('placement') === 'home' && !q.has('category');
      this.addEventListener('message', (e) => {
        const head = /^\\{"type":"(\\w+)"(?:,"id":"([^"]*)")?/.exec(String(e.data));
        const id = head?.[2]?.split('|');
        const personal = id ? id[1] === 'home' && !id[3] : own;
        __ws.push([head?.[1] === 'recommendations' && !personal ? 'other' : head?.[1], performance.now()]);
      });
    }
  };
}
window.__clickToWidget = (slug, selector, kind) => new Promise((resolve) => {
  const out = { slug };
  const t0 = performance.now();
  const timer = setTimeout(() => { document.removeEventListener('rec-render', on, true); resolve(out); }, 5000);
  function on(e) {
    const w = e.target;
    // The personal slot of the department page just opened (not the page being left).
    if (!w.closest('.page.' + kind) || w.getAttribute('placement') !== 'home' || w.hasAttribute('category')) return;
    if (!e.detail.items.length) return;
    const share = e.detail.items.filter((i) => i.category === slug).length / e.detail.items.length;
    if (out.firstMs === undefined) Object.assign(out, { firstMs: performance.now() - t0, firstSource: e.detail.source, firstShare: share });
    if (e.detail.source === 'push' || e.detail.source === 'network') {
      Object.assign(out, { edgeMs: performance.now() - t0, edgeSource: e.detail.source, edgeShare: share });
      const after = (type) => __ws.find(([k, t]) => k === type && t >= t0)?.[1];
      const [sent, accepted, pushed] = [after('send'), after('accepted'), after('recommendations')];
      if (sent !== undefined && accepted !== undefined && pushed !== undefined && pushed > accepted)
        out.stages = { send: sent - t0, ingest: accepted - sent, push: pushed - accepted, render: performance.now() - pushed };
      clearTimeout(timer);
      document.removeEventListener('rec-render', on, true);
      resolve(out);
    }
  }
  document.addEventListener('rec-render', on, true);
  document.querySelector(selector).click();
});`;

interface Sample {
  slug: string;
  firstMs?: number;
  firstSource?: string;
  firstShare?: number;
  edgeMs?: number;
  edgeSource?: string;
  edgeShare?: number;
  stages?: Record<'send' | 'ingest' | 'push' | 'render', number>;
}

const shop = await startStorefront();
try {
  const model = await publishDemoModel(
    shop.base,
    60,
    values.model === 'trained' ? ensureDemoModel() : undefined,
  );
  const context = await shop.context();
  await context.addInitScript({ content: IN_PAGE });
  if (values.images === 'stub')
    await context.route('**/img/**', (r) =>
      r.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' }),
    );
  const page = await openShop(context, shop.base);
  await page.locator('[data-consent=accept]').click();
  await page.locator('rec-widget[placement=home] [data-item-id]').first().waitFor({ timeout: 30_000 });
  const slugs = await page.$$eval('.departments-nav a', (links) =>
    links.map((a) => new URL(a.getAttribute('href') ?? '', 'http://x').searchParams.get('c') ?? ''),
  );
  const samples: Sample[] = [];
  const department = (slug: string) => `.departments-nav a[href="/category?c=${slug}"]`;
  const measure = (slug: string, selector: string, kind: string) =>
    page.evaluate(
      ([s, sel, k]) =>
        (
          globalThis as unknown as { __clickToWidget(s: string, sel: string, k: string): Promise<Sample> }
        ).__clickToWidget(s, sel, k),
      [slug, selector, kind] as const,
    );
  const cpuBefore = groupCpuSeconds(shop.serverGroup);
  for (let i = 0; i < clicks; i++) {
    const slug = slugs[i % slugs.length];
    if (action === 'department') samples.push(await measure(slug, department(slug), 'category'));
    else {
      // Get to the page the action starts from, and let its own answers arrive first.
      await page.locator(department(slug)).click();
      await page.locator('.page.category ul.grid a[href^="/product"]').first().waitFor();
      const nth = Math.floor(i / slugs.length) + 1;
      const product = `.page.category ul.grid li:nth-child(${nth}) a[href^="/product"]`;
      if (action === 'product') {
        await page.waitForTimeout(300);
        samples.push(await measure(slug, product, 'product'));
      } else {
        await page.locator(product).click();
        await page.locator('.page.product [data-action=add-to-cart]').waitFor();
        await page.waitForTimeout(300);
        samples.push(await measure(slug, '.page.product [data-action=add-to-cart]', 'product'));
      }
    }
    await page.waitForTimeout(150); // the visitor looks at the page before the next click
  }
  const edgeCpuMs = (groupCpuSeconds(shop.serverGroup) - cpuBefore) * 1000;
  const first = samples.filter((s) => s.firstMs !== undefined);
  const edge = samples.filter((s) => s.edgeMs !== undefined);
  const mean = (xs: number[]) =>
    xs.length ? Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)) : null;
  console.log(
    JSON.stringify(
      {
        bench: 'click-to-widget',
        model,
        action,
        images: values.images,
        clicks,
        unit: 'ms from the click to the updated personal widget (placement home)',
        onDevice: {
          ...summarize(first.map((s) => s.firstMs!)),
          sources: [...new Set(first.map((s) => s.firstSource))],
        },
        edgeFresh: {
          ...summarize(edge.map((s) => s.edgeMs!)),
          sources: [...new Set(edge.map((s) => s.edgeSource))],
        },
        stages: Object.fromEntries(
          (['send', 'ingest', 'push', 'render'] as const).map((k) => [
            k,
            summarize(edge.filter((s) => s.stages).map((s) => s.stages![k])),
          ]),
        ),
        // CPU of wrangler dev + workerd per step (the navigation to the start page and the action):
        // steadier than wall time on a shared machine.
        edgeCpuMsPerStep: Number((edgeCpuMs / clicks).toFixed(1)),
        shareOfClickedDepartment: {
          onDevice: mean(first.map((s) => s.firstShare!)),
          edgeFresh: mean(edge.map((s) => s.edgeShare!)),
          uniformWouldBe: Number((1 / slugs.length).toFixed(3)),
        },
        // The on-device update's goal (p50 50 ms) and issue 15's for the edge's fresh answer.
        targets: { onDeviceP50Ms: 50, edgeFreshP50Ms: 25, edgeFreshP99Ms: 60 },
        met: {
          onDevice: first.length > 0 && summarize(first.map((s) => s.firstMs!)).p50 <= 50,
          edgeFresh:
            edge.length > 0 &&
            summarize(edge.map((s) => s.edgeMs!)).p50 <= 25 &&
            summarize(edge.map((s) => s.edgeMs!)).p99 <= 60,
        },
      },
      null,
      2,
    ),
  );
  await context.close();
} finally {
  await shop.stop();
}
