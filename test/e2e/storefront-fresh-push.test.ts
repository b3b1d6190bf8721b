/**
 * Fresh answers without waiting for the batch, end to end (real Chromium, real SDK, real
 * `wrangler dev` with the demo model): with a widget's push socket open, an item interaction goes up
 * that socket at once, so the edge's next answer already knows it while every `POST /v1/events` is
 * held back; when the batches go through afterwards the session still holds each event once.
 */
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openShop, STOREFRONT_ADMIN_TOKEN, type Storefront } from '../support/storefront.ts';
import { sharedDemoStorefront } from '../support/use-shared.ts';

let shop: Storefront;

beforeAll(async () => {
  shop = await sharedDemoStorefront();
});
afterAll(async () => {
  await shop?.stop();
});

interface Render {
  source: string;
  ids: string[];
}

it('a cart add reaches the edge over the push socket: its push leaves the item out while the batch is held', async () => {
  const context = await shop.context();
  await context.addInitScript({
    content: `window.renders = [];
document.addEventListener('rec-render', (e) => {
  if (e.target.getAttribute('placement') === 'home' && !e.target.hasAttribute('category'))
    window.renders.push({ source: e.detail.source, ids: e.detail.items.map((i) => i.id) });
}, true);`,
  });
  const held: Route[] = [];
  let release = false;
  await context.route('**/v1/events?*', (route) => {
    if (release) return route.continue();
    held.push(route);
  });
  try {
    const page = await openShop(context, shop.base);
    const renders = () => page.evaluate(() => (globalThis as unknown as { renders: Render[] }).renders);
    await page.locator('[data-consent=accept]').click();
    // The socket is open once the edge's first push (sent on connect) has arrived.
    await expect
      .poll(async () => (await renders()).some((r) => r.source === 'push'), { timeout: 30_000 })
      .toBe(true);
    const pushesBefore = (await renders()).filter((r) => r.source === 'push').length;
    const shown = (await renders()).at(-1)!.ids[0]!;

    await page.evaluate((id) => {
      (globalThis as unknown as { rec: { track(t: string, p: object): void } }).rec.track('Product Added', {
        product_id: id,
        quantity: 1,
      });
    }, shown);
    await expect
      .poll(async () => (await renders()).filter((r) => r.source === 'push').length, { timeout: 30_000 })
      .toBeGreaterThan(pushesBefore);
    const pushed = (await renders()).filter((r) => r.source === 'push').at(-1)!;
    expect(pushed.ids.length).toBeGreaterThan(0);
    expect(pushed.ids).not.toContain(shown); // the edge knew the cart before any batch arrived
    // (every POST /v1/events so far is held unanswered: only the socket can have told the edge)

    const sessionId = await page.evaluate(
      () => (globalThis as unknown as { rec: { context(): { sessionId: string } } }).rec.context().sessionId,
    );
    const stored = async () => {
      const res = await fetch(`${shop.base}/v1/sessions/${sessionId}?key=demo`, {
        headers: { Authorization: `Bearer ${STOREFRONT_ADMIN_TOKEN}` },
      });
      return ((await res.json()) as { events: { id: string; type: string; itemId?: string }[] }).events;
    };
    expect((await stored()).filter((e) => e.type === 'cart_add').map((e) => e.itemId)).toEqual([shown]);

    // The batch with the cart add leaves on its own timer; let it through: the edge keeps one copy.
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
    release = true;
    for (const route of held.splice(0)) await route.continue();
    await page.evaluate(() => (globalThis as unknown as { rec: { flush(): Promise<void> } }).rec.flush());
    const stats = () =>
      page.evaluate(() =>
        (globalThis as unknown as { rec: { stats(): Record<string, number> } }).rec.stats(),
      );
    await expect.poll(async () => (await stats()).queued, { timeout: 30_000 }).toBe(0);
    expect(await stats()).toMatchObject({ rejected: 0, dropped: 0, setAside: 0 });
    expect((await stats()).sent).toBeGreaterThan(0); // the held batches did arrive
    const events = await stored();
    expect(events.filter((e) => e.type === 'cart_add')).toHaveLength(1);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
    await context.close().catch(() => {});
  }
}, 120_000);
