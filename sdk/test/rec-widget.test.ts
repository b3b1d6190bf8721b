/**
 * `<rec-widget>` in a real Chromium. The page holds a stand-in `window.rec` (the SDK's public
 * surface: `subscribe` + `track`) so each test controls the answers and sees every tracked call;
 * the widget bundle under test is the shipped one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../test/support/launch-chromium.ts';
import { bundle, WIDGET_BUNDLE } from '../bundles.ts';

const ORIGIN = 'http://shop.test';
let browser: Browser;
let widgetJs: string;
let page: Page;

const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<script>
  window.tracked = []; window.requests = []; window.pushes = [];
  // Like the snippet's stub: \`ready\` callbacks wait until the SDK is installed.
  window.rec = { q: [], ready(cb) { this.q.push(cb); } };
  window.installRec = () => {
    const waiting = window.rec.q;
    window.rec = {
      track: (type, props) => tracked.push({ type, props }),
      subscribe: (req, cb) => { requests.push(req); pushes.push(cb); return () => {}; },
      ready: (cb) => cb(window.rec),
    };
    for (const cb of waiting) cb(window.rec);
  };
  window.push = (answer, i = pushes.length - 1) => pushes[i](answer);
</script>
<script src="/rec-widget.js"></script>
<div id="host"></div></body>`;

const answer = (ids: string[], extra: Record<string, unknown> = {}) => ({
  recId: `r-${ids.join('')}`,
  model: 'm1',
  placement: 'home',
  source: 'network',
  fetchedAt: 0,
  items: ids.map((id, i) => ({
    id,
    score: 1 - i / 10,
    title: `Product ${id}`,
    price: 10 + i,
    url: `/p/${id}`,
    image: `/img/${id}.svg`,
    ...extra,
  })),
});

async function mount(html: string, installFirst = true): Promise<void> {
  if (installFirst) await page.evaluate(() => (window as unknown as { installRec(): void }).installRec());
  await page.evaluate((h) => {
    document.getElementById('host')!.innerHTML = h;
  }, html);
}
const push = (a: unknown) =>
  page.evaluate((x) => (window as unknown as { push(a: unknown): void }).push(x), a);
const tracked = () =>
  page.evaluate(
    () => (window as unknown as { tracked: { type: string; props: Record<string, unknown> }[] }).tracked,
  );

beforeAll(async () => {
  widgetJs = (await bundle(WIDGET_BUNDLE)).code;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/rec-widget.js') return route.fulfill({ contentType: 'text/javascript', body: widgetJs });
    if (path.endsWith('.svg'))
      return route.fulfill({
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      });
    return route.fulfill({ contentType: 'text/html', body: PAGE });
  });
  await page.goto(`${ORIGIN}/`);
});

describe('<rec-widget>', () => {
  it('reserves the space of k cards before the answer, so nothing below moves when cards arrive or change', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.shifts += (e as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await mount('<rec-widget k="6"></rec-widget><p id="below">Below the widget</p>');
    const below = () => page.locator('#below').evaluate((e) => e.getBoundingClientRect().top);
    const reserved = await below();
    expect(reserved).toBeGreaterThan(100); // a skeleton, not an empty box
    await push(
      answer(['a', 'b', 'c', 'd', 'e', 'f'], {
        title: 'A product title long enough to wrap onto a second line',
      }),
    );
    await page
      .locator('rec-widget [data-item-id] img')
      .first()
      .evaluate((img) => (img as HTMLImageElement).decode());
    expect(await below()).toBe(reserved);
    await push(answer(['g', 'h'])); // fewer items, short titles
    expect(await below()).toBe(reserved);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
    // The placeholders are invisible once an answer is shown, and not in the accessibility tree.
    expect(await page.locator('rec-widget [data-skeleton]').first().isVisible()).toBe(false);
    expect(await page.locator('rec-widget [data-skeleton][aria-hidden=true]').count()).toBe(4);
  });

  it('subscribes with its attributes and renders one list item per recommendation', async () => {
    await mount('<rec-widget placement="product" k="3" item="x9" category="books"></rec-widget>');
    const requests = await page.evaluate(() => (window as unknown as { requests: unknown[] }).requests);
    expect(requests).toEqual([{ placement: 'product', k: 3, item: 'x9', filters: { category: 'books' } }]);
    await push(answer(['a', 'b', 'c']));
    const cards = page.locator('rec-widget [data-item-id]');
    await expect.poll(() => cards.count()).toBe(3);
    expect(
      await cards.evaluateAll((els) => els.map((e) => [e.tagName, e.getAttribute('data-item-id')])),
    ).toEqual([
      ['LI', 'a'],
      ['LI', 'b'],
      ['LI', 'c'],
    ]);
    expect(await page.locator('rec-widget [part="list"]').getAttribute('role')).toBe('list');
    expect(await cards.first().innerText()).toContain('Product a');
    expect(await page.locator('rec-widget a').first().getAttribute('href')).toBe(`${ORIGIN}/p/a`);
  });

  it("uses the shop's <template> markup for each card", async () => {
    await mount(
      '<rec-widget><template><article class="shop-card"><h3 data-field="title"></h3>' +
        '<span data-field="category"></span></article></template></rec-widget>',
    );
    await push(answer(['a', 'b'], { category: 'audio' }));
    await expect.poll(() => page.locator('rec-widget [data-item-id] article.shop-card').count()).toBe(2);
    expect(await page.locator('rec-widget h3').first().textContent()).toBe('Product a');
    expect(await page.locator('rec-widget [data-field="category"]').first().textContent()).toBe('audio');
  });

  it('renders hostile item data as text and drops script URLs', async () => {
    await mount('<rec-widget></rec-widget>');
    const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    await push({
      ...answer(['a']),
      items: [
        {
          id: 'a',
          score: 1,
          title: evil,
          url: 'javascript:window.pwned=3',
          image: 'javascript:window.pwned=4',
        },
      ],
    });
    const title = page.locator('rec-widget [data-item-id] [data-field="title"]');
    await expect.poll(() => title.textContent()).toBe(evil);
    await page.locator('rec-widget [data-item-id] a').click();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('rec-widget [data-item-id] img').count()).toBe(1);
    expect(await page.locator('rec-widget [data-item-id] img[src]').count()).toBe(0);
    expect(await page.locator('rec-widget [data-item-id] a[href]').count()).toBe(0);
  });

  it('leaves the image and link of an item that has none empty (no request for "undefined")', async () => {
    await mount('<rec-widget></rec-widget>');
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await push({ ...answer(['a']), items: [{ id: 'a', score: 1, title: 'No picture', price: 5 }] });
    await expect
      .poll(() => page.locator('rec-widget [data-item-id] [data-field="title"]').textContent())
      .toBe('No picture');
    expect(await page.locator('rec-widget [data-item-id] img[src]').count()).toBe(0);
    expect(await page.locator('rec-widget [data-item-id] a[href]').count()).toBe(0);
    await page.waitForTimeout(100);
    expect(asked).toEqual([]);
  });

  it('counts an impression for cards at least half visible for a second, once per answer', async () => {
    await mount('<rec-widget style="--rec-columns:1;--rec-card-min:0"></rec-widget>');
    await push(answer(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])); // one column: the last cards are below the fold
    await expect
      .poll(async () => (await tracked()).filter((t) => t.type === 'impression').length, { timeout: 5000 })
      .toBeGreaterThan(0);
    await page.waitForTimeout(500); // let every visible card's second pass
    const first = (await tracked()).filter((t) => t.type === 'impression');
    expect(first.every((t) => t.props.recId === 'r-abcdefgh')).toBe(true);
    expect(first.map((t) => t.props.product_id)).not.toContain('h');
    await page.locator('rec-widget [data-item-id="h"]').scrollIntoViewIfNeeded();
    await expect
      .poll(
        async () => (await tracked()).filter((t) => t.type === 'impression').map((t) => t.props.product_id),
        { timeout: 5000 },
      )
      .toContain('h');
    const ids = (await tracked()).filter((t) => t.type === 'impression').map((t) => t.props.product_id);
    expect(new Set(ids).size).toBe(ids.length); // never twice for the same answer
  });

  it('tracks a click with the answer recId and position', async () => {
    await mount('<rec-widget placement="home"></rec-widget>');
    await push(answer(['a', 'b', 'c']));
    await page.evaluate(() => document.addEventListener('click', (e) => e.preventDefault())); // stay on the page
    await page.locator('rec-widget [data-item-id="b"] a').click();
    const clicks = (await tracked()).filter((t) => t.type === 'rec_click');
    expect(clicks).toEqual([
      { type: 'rec_click', props: { product_id: 'b', recId: 'r-abc', placement: 'home', position: 1 } },
    ]);
  });

  it('is one tab stop; arrow keys, Home and End move focus between cards', async () => {
    await mount(
      '<button id="before">before</button><rec-widget></rec-widget><button id="after">after</button>',
    );
    await push(answer(['a', 'b', 'c']));
    await page.locator('rec-widget [data-item-id="c"]').waitFor();
    const focusedId = () =>
      page.evaluate(
        () =>
          document.activeElement?.shadowRoot?.activeElement?.closest('li')?.dataset.itemId ??
          document.activeElement?.id,
      );
    await page.focus('#before');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('a');
    await page.keyboard.press('ArrowRight');
    expect(await focusedId()).toBe('b');
    await page.keyboard.press('End');
    expect(await focusedId()).toBe('c');
    await page.keyboard.press('Home');
    expect(await focusedId()).toBe('a');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('after');
  });

  it('keeps focus on the same product when a live update reorders the cards', async () => {
    await mount('<rec-widget></rec-widget>');
    await push(answer(['a', 'b', 'c']));
    await page.locator('rec-widget [data-item-id="b"] a').focus();
    await push(answer(['c', 'b', 'd']));
    await expect
      .poll(() =>
        page
          .locator('rec-widget [data-item-id]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id'))),
      )
      .toEqual(['c', 'b', 'd']);
    const focused = await page.evaluate(
      () => document.activeElement?.shadowRoot?.activeElement?.closest('li')?.dataset.itemId,
    );
    expect(focused).toBe('b');
  });

  it('moves cards a re-rank reorders without writing them again, and shows data that changed', async () => {
    await mount('<rec-widget></rec-widget>');
    await push(answer(['a', 'b', 'c']));
    // Every write inside a card (text, image, link) from here on, but its position and the roving
    // tab stop: a re-rank writes none.
    await page.evaluate(() => {
      const w = window as unknown as { writes: string[] };
      w.writes = [];
      const list = document.querySelector('rec-widget')!.shadowRoot!.querySelector('ul')!;
      new MutationObserver((records) => {
        for (const r of records)
          if (
            r.target !== list &&
            !/^(data-|tabindex)/.test((r.type === 'attributes' && r.attributeName) || '')
          )
            w.writes.push(`${r.type} ${(r.target as Element).localName ?? '#text'} ${r.attributeName ?? ''}`);
      }).observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const writes = () => page.evaluate(() => (window as unknown as { writes: string[] }).writes.splice(0));
    const first = answer(['a', 'b', 'c']);
    const [a, b, c] = first.items;
    await push({ ...first, items: [c, a, b].map((item, i) => ({ ...item, score: 1 - i / 10 })) });
    await expect
      .poll(() =>
        page.locator('rec-widget [data-item-id]').evaluateAll((els) => els.map((e) => e.dataset.itemId)),
      )
      .toEqual(['c', 'a', 'b']);
    expect(await writes()).toEqual([]);
    await push({ ...first, items: [c, { ...a, title: 'Product a, now on sale' }, b] });
    await expect
      .poll(() => page.locator('rec-widget [data-item-id="a"]').innerText())
      .toContain('now on sale');
    expect((await writes()).length).toBeGreaterThan(0);
  });

  it('waits for the SDK when it loads after the widget, and resubscribes when an attribute changes', async () => {
    await mount('<rec-widget placement="product" item="p1"></rec-widget>', false);
    await page.evaluate(() => (window as unknown as { installRec(): void }).installRec());
    await page.evaluate(() => document.querySelector('rec-widget')!.setAttribute('item', 'p2'));
    const requests = await page.evaluate(
      () => (window as unknown as { requests: { item: string }[] }).requests,
    );
    expect(requests.map((r) => r.item)).toEqual(['p1', 'p2']);
    await push(answer(['z']));
    await expect.poll(() => page.locator('rec-widget [data-item-id="z"]').count()).toBe(1);
  });
});
