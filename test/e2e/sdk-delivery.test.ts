/**
 * The SDK in a real Chromium against a real `wrangler dev`: batches reach the Session Durable
 * Object in order, exactly once, through offline periods, 500/429 storms and page closes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, recordApiRequests } from '../support/observe.ts';
import {
  announceHidden,
  flush,
  context as recContext,
  sdkLoaded,
  stats,
  storedRows,
  trackViews,
} from '../support/sdk-page.ts';
import type { Shop, StoredEvent } from '../support/sdk-shop.ts';
import type { TestWindow } from '../support/test-window.ts';
import { useSharedShop } from '../support/use-shared.ts';

let shop: Shop;
const FAST = { consent: 'opt-out', batchSize: '5', flushMs: '100', vitals: 'off' };

const newContext = useSharedShop((s) => {
  shop = s;
});

/** The numbered view events stored for `sessionId`, once there are `count` of them. */
function storedViews(sessionId: string, count: number): Promise<StoredEvent[]> {
  return eventually(`${count} events in session ${sessionId}`, async () => {
    const events = (await shop.session(sessionId))?.events.filter((e) => e.type === 'view') ?? [];
    return events.length >= count ? events : undefined;
  });
}

/**
 * Wait until the page has counted `n` events as sent: the edge stores a batch before the page has
 * read its 202, so what the edge holds can run ahead of the page's counters.
 */
function sentCount(page: Page, n: number): Promise<true> {
  return eventually(`${n} events counted as sent`, async () =>
    (await stats(page)).sent >= n ? true : undefined,
  );
}

const numbers = (events: StoredEvent[]) => events.map((e) => e.props?.n);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('delivery', () => {
  it('replays calls queued by the stub, then delivers every event in order, once', async () => {
    const app = `
      for (let i = 0; i < 12; i++) rec.track('Product Viewed', { product_id: 'sku-' + i, n: i });
      rec.identify('user-1');
      rec.recommend('home', 3);
      window.seen = [typeof rec.q];
      console.log('app done');`;
    const context = await newContext({ data: FAST, app });
    // Hold rec.js until the shop's script ran, so the first calls certainly went through the stub.
    let appDone: () => void = () => {};
    const ran = new Promise<void>((r) => {
      appDone = r;
    });
    context.on('console', (m) => m.text() === 'app done' && appDone());
    await context.route('**/rec.js', async (route) => {
      await ran;
      await route.continue();
    });
    const page = await shop.open(context);
    await sdkLoaded(page);
    await trackViews(page, 12, 12);
    const { sessionId } = await recContext(page);

    const events = await storedViews(sessionId, 24);
    expect(numbers(events)).toEqual(range(24));
    expect(new Set(events.map((e) => e.id)).size).toBe(24);
    expect(events[0]).toMatchObject({ type: 'view', itemId: 'sku-0' });
    expect((await shop.session(sessionId))?.userId).toBe('user-1');
    await sentCount(page, 24);
    expect(await stats(page)).toMatchObject({ queued: 0, sent: 24, dropped: 0, rejected: 0 });

    // The seam for rec.recommend: the stubbed call is handed to the extension that adds it.
    const seen = await page.evaluate(() => {
      const w = globalThis as unknown as TestWindow;
      w.rec.extend('recommend', (...args: never[]) => w.seen?.push(args));
      return w.seen;
    });
    expect(seen).toEqual(['object', ['home', 3]]);
  });

  it('keeps events while offline and replays them on `online`, nothing lost or duplicated', async () => {
    const context = await newContext({ data: FAST });
    const page = await shop.open(context);
    await sdkLoaded(page);
    await trackViews(page, 0, 5);
    const { sessionId } = await recContext(page);
    await storedViews(sessionId, 5);
    await sentCount(page, 5);

    await context.setOffline(true);
    await trackViews(page, 5, 12);
    await flush(page);
    expect(await stats(page)).toMatchObject({ queued: 12, sent: 5 });
    await eventually('12 events and the session record in IndexedDB', async () =>
      (await storedRows(page)) === 13 ? true : undefined,
    );

    await context.setOffline(false);
    const events = await storedViews(sessionId, 17);
    expect(numbers(events)).toEqual(range(17));
    expect(new Set(events.map((e) => e.id)).size).toBe(17);
    await eventually('an empty queue', async () => ((await stats(page)).queued === 0 ? true : undefined));
    await eventually('only the session record in IndexedDB', async () =>
      (await storedRows(page)) === 1 ? true : undefined,
    );
  });

  it('replays events stored by an earlier page that went away offline', async () => {
    const context = await newContext({ data: { ...FAST, flushMs: '60000' } });
    const requests = recordApiRequests(context, shop.base);
    const first = await shop.open(context);
    await sdkLoaded(first);
    await context.setOffline(true);
    await trackViews(first, 0, 3);
    const { sessionId } = await recContext(first);
    // Close only once the events are on disk: a page torn down while its IndexedDB write is still
    // pending may lose it, and that loss is not what this test is about.
    await eventually('3 events and the session in IndexedDB', async () =>
      (await storedRows(first)) === 4 ? true : undefined,
    );
    await first.close(); // offline: no beacon, the events stay in IndexedDB
    expect(requests).toEqual([]);

    await context.setOffline(false);
    const second = await shop.open(context);
    await sdkLoaded(second);
    await eventually('the stored session', async () =>
      (await recContext(second)).sessionId === sessionId ? true : undefined,
    );
    await flush(second);
    const events = await storedViews(sessionId, 3);
    expect(numbers(events)).toEqual(range(3));
  });

  it('hands the queue to sendBeacon when the page is hidden, and when it is closed', async () => {
    const context = await newContext({ data: { ...FAST, batchSize: '100', flushMs: '60000' } });
    const requests = recordApiRequests(context, shop.base);
    const page = await shop.open(context);
    await sdkLoaded(page);
    await trackViews(page, 0, 3);
    const { sessionId } = await recContext(page);
    expect(await stats(page)).toMatchObject({ sent: 0 }); // the batch timer is a minute away

    await announceHidden(page);
    expect(numbers(await storedViews(sessionId, 3))).toEqual(range(3));
    expect(requests.map((r) => [r.method, r.path, r.kind])).toEqual([['POST', '/v1/events', 'ping']]);

    await trackViews(page, 3, 3);
    await page.close();
    expect(numbers(await storedViews(sessionId, 6))).toEqual(range(6));
  });

  it('survives a storm of 500 and 429 answers, honouring Retry-After', async () => {
    const context = await newContext({ data: FAST });
    const answers: number[] = [];
    const sentIds: string[][] = [];
    await context.route('**/v1/events**', async (route) => {
      const n = answers.length;
      sentIds.push(JSON.parse(route.request().postData() ?? '{}').events.map((e: { id: string }) => e.id));
      if (n < 3) {
        answers.push(500);
        return route.fulfill({ status: 500, body: 'storm' });
      }
      if (n < 5) {
        answers.push(429);
        return route.fulfill({ status: 429, headers: { 'Retry-After': '1' }, body: 'slow down' });
      }
      answers.push(0);
      return route.continue();
    });
    const page = await shop.open(context);
    await sdkLoaded(page);
    await trackViews(page, 0, 20);
    const { sessionId } = await recContext(page);

    const events = await storedViews(sessionId, 20);
    expect(numbers(events)).toEqual(range(20));
    expect(new Set(events.map((e) => e.id)).size).toBe(20);
    expect(answers.slice(0, 5)).toEqual([500, 500, 500, 429, 429]);
    // Every retry resent ids of the first batch (halved after each failure, the suspect stepped
    // over once, see poison.ts): each event's id was made once, at track time.
    for (const ids of sentIds.slice(1, 5)) expect(sentIds[0]).toEqual(expect.arrayContaining(ids));
    expect(new Set(sentIds.flat())).toEqual(new Set(events.map((e) => e.id)));
    await sentCount(page, 20);
    expect(await stats(page)).toMatchObject({ sent: 20, dropped: 0, rejected: 0 });
  });

  it('does not retry a batch refused with another 4xx, and carries on with the next', async () => {
    const context = await newContext({ data: FAST });
    let calls = 0;
    await context.route('**/v1/events**', async (route) => {
      if (calls++ === 0) return route.fulfill({ status: 400, body: '{"error":{"code":"invalid_body"}}' });
      return route.continue();
    });
    const page = await shop.open(context);
    await sdkLoaded(page);
    await trackViews(page, 0, 10);
    const { sessionId } = await recContext(page);
    const events = await storedViews(sessionId, 5);
    expect(numbers(events)).toEqual([5, 6, 7, 8, 9]);
    await sentCount(page, 5);
    expect(await stats(page)).toMatchObject({ sent: 5, rejected: 5, queued: 0 });
    expect(calls).toBe(2);
  });

  it('serves /rec.js with a short cache and hashed files as immutable', async () => {
    const manifest = (await (await fetch(`${shop.base}/rec-manifest.json`)).json()) as {
      core: string;
      vitals: string;
    };
    const core = await fetch(`${shop.base}/rec.js`);
    const hashed = await fetch(`${shop.base}/${manifest.core}`);
    const vitals = await fetch(`${shop.base}/${manifest.vitals}`);
    expect(core.headers.get('Cache-Control')).toMatch(/max-age=300\b/);
    expect(hashed.headers.get('Cache-Control')).toMatch(/max-age=31536000.*immutable/);
    expect(vitals.headers.get('Cache-Control')).toMatch(/immutable/);
    expect(await hashed.text()).toBe(await core.text());
  });
});
