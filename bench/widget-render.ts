/**
 * `tsx bench/widget-render.ts [--rounds 200] [--widgets 3] [--k 8]`: what `<rec-widget>` costs the
 * page's main thread when an answer arrives, in Chromium, the shipped widget bundle on a blank page.
 * `rerank`: the same items in a new order with new scores (the on-device re-rank after a click, in
 * the click's task); `newItems`: every card gets another item (a fresh answer), the reference in
 * the same run. Each is timed as script alone and as script plus the style and layout a frame would
 * then do. Prints JSON (ms per answer delivered to all the widgets).
 */
import { parseArgs } from 'node:util';
import { bundle, WIDGET_BUNDLE } from '../sdk/bundles.ts';
import { launchChromium } from '../test/support/launch-chromium.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '200' },
    widgets: { type: 'string', default: '3' },
    k: { type: 'string', default: '8' },
  },
});
const ROUNDS = Number(values.rounds);
const WIDGETS = Number(values.widgets);
const K = Number(values.k);

// Runs in the page (a plain script: the bench is type-checked without the DOM library).
const IN_PAGE = `(async ({ rounds, widgets, k, mode, layout }) => {
  document.body.replaceChildren();
  const ws = Array.from({ length: widgets }, () => {
    const el = document.createElement('rec-widget');
    el.setAttribute('k', String(k));
    document.body.append(el);
    return el;
  });
  const item = (n) => ({ id: 'i' + n, title: 'Product number ' + n, price: 10 + (n % 50), url: '/p/' + n, image: '/img/' + n + '.svg', category: 'c' + (n % 5), score: 1 });
  const pool = Array.from({ length: k * (rounds + 1) }, (_, n) => item(n));
  const order = Array.from({ length: k }, (_, i) => i);
  const deliver = (items) => { for (const el of ws) el.recommendations = { recId: 'r', placement: 'home', items }; };
  deliver(pool.slice(0, k));
  document.body.offsetHeight;
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const t = performance.now();
  for (let r = 1; r <= rounds; r++) {
    if (mode === 'rerank') {
      order.sort(() => random() - 0.5);
      deliver(order.map((i, p) => ({ ...pool[i], score: 1 - p / 100 })));
    } else deliver(pool.slice(r * k, (r + 1) * k));
    if (layout) document.body.offsetHeight;
  }
  return (performance.now() - t) / rounds;
})`;

const { code } = await bundle(WIDGET_BUNDLE);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.route('http://bench.test/**', (route) =>
    route.request().url().endsWith('/rec-widget.js')
      ? route.fulfill({ contentType: 'text/javascript', body: code })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><script src="/rec-widget.js"></script>',
        }),
  );
  await page.goto('http://bench.test/');
  const run = (mode: string, layout: boolean) =>
    page.evaluate(
      `${IN_PAGE}(${JSON.stringify({ rounds: ROUNDS, widgets: WIDGETS, k: K, mode, layout })})`,
    ) as Promise<number>;
  const out: Record<string, { scriptMs: number; withLayoutMs: number }> = {};
  for (const mode of ['rerank', 'newItems']) {
    await run(mode, true); // warm-up
    const scriptMs = await run(mode, false);
    const withLayoutMs = await run(mode, true);
    out[mode] = { scriptMs: Number(scriptMs.toFixed(3)), withLayoutMs: Number(withLayoutMs.toFixed(3)) };
  }
  console.log(
    JSON.stringify(
      {
        bench: 'widget-render',
        widgets: WIDGETS,
        k: K,
        rounds: ROUNDS,
        unit: 'ms per answer to all widgets',
        ...out,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}
