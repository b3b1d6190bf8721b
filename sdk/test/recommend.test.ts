/**
 * The recommend extension (`/rec-recommend.js`) in a real Chromium with real IndexedDB. The page
 * holds a stand-in for the SDK core (context / on / flush / extend and the IndexedDB helper `__idb`, the seam rec.js provides) and
 * the edge's `/v1/recommendations` is answered by the test, so each case controls both sides.
 * The real SDK and edge together are covered by test/e2e.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { packVectors, unpackVectors } from '../../contracts/packed-vectors.ts';
import { launchChromium } from '../../test/support/launch-chromium.ts';
import { bundle, RECOMMEND_BUNDLE } from '../bundles.ts';
import { rerank } from '../src/recommend/rerank.ts';
import { touchesOf } from '../src/recommend/touches.ts';

const ORIGIN = 'http://shop.test';
let browser: Browser;
let code: string;
let idbHelper: string;
let context: BrowserContext;
let requests: URL[];
let respond: (url: URL) => { status?: number; body?: unknown; timing?: string } | 'hang';

const PAGE = `<!doctype html><meta charset="utf-8"><script src="/idb-helper.js"></script><script>
  const consent = JSON.parse(new URLSearchParams(location.search).get('consent') || '{"analytics":true,"personalization":true,"storage":true}');
  const listeners = { track: [], consent: [], session: [] };
  window.seen = [];
  window.host = {
    emit: (name, data) => listeners[name].forEach((fn) => fn(data)),
    setConsent(c) { Object.assign(consent, c); this.emit('consent', { ...consent }); },
    flushes: 0,
  };
  window.rec = {
    context: () => ({ endpoint: location.origin, key: 'demo', sessionId: 'session-0001', consent: { ...consent } }),
    on: (name, fn) => { listeners[name].push(fn); return () => {}; },
    flush: async () => { host.flushes++; },
    extend(name, fn) { this[name] = fn; },
    ready(cb) { cb(this); },
    track() {},
    __idb: window.idbStore,
  };
</script><script src="/rec-recommend.js"></script>`;

/**
 * An answer with `n` candidates: `audio` items a0.. (audio, axis 0) then b.. (books, axis 1), edge
 * order; half of them audio unless told.
 */
function answer(n: number, recId = 'r1', audio = n / 2) {
  const items = Array.from({ length: n }, (_, i) => ({
    id: i < audio ? `a${i}` : `b${i}`,
    score: 1 - i / n,
    category: i < audio ? 'audio' : 'books',
    title: `Item ${i}`,
  }));
  const vectors = items.map((it) => [
    it.category === 'audio' ? 1 : 0,
    it.category === 'books' ? 1 : 0,
    0.1,
    0.1,
  ]);
  return { recId, model: 'm1', placement: 'home', items, vectors: packVectors(vectors, 4) };
}

async function open(query = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/shop.html${query}`);
  return page;
}
const subscribe = (page: Page, request: object) =>
  page.evaluate((r) => {
    const w = window as unknown as {
      rec: { subscribe(r: object, cb: (x: unknown) => void): void };
      seen: unknown[];
    };
    w.rec.subscribe(r, (recs: unknown) => w.seen.push(recs));
  }, request);
type Seen = {
  source: string;
  recId: string;
  items: { id: string }[];
  timings?: { name: string; dur: number }[];
};
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);
const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

beforeAll(async () => {
  code = (await bundle(RECOMMEND_BUNDLE)).code;
  idbHelper = (await bundle({ entry: 'sdk/test/support/idb-helper.ts' })).code;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  requests = [];
  respond = () => ({ body: answer(24), timing: 'session;dur=0.4, tower;dur=0.2;desc="onnx", ann;dur=1.5' });
  context = await browser.newContext();
  await context.route(`${ORIGIN}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/rec-recommend.js')
      return route.fulfill({ contentType: 'text/javascript', body: code });
    if (url.pathname === '/idb-helper.js')
      return route.fulfill({ contentType: 'text/javascript', body: idbHelper });
    if (url.pathname === '/shop.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
    requests.push(url);
    const r = respond(url);
    if (r === 'hang') return; // the network never answers
    await route.fulfill({
      status: r.status ?? 200,
      contentType: 'application/json',
      headers: r.timing ? { 'Server-Timing': r.timing } : {},
      body: JSON.stringify(r.body ?? {}),
    });
  });
});

describe('rec.subscribe / rec.recommend', () => {
  it('asks the edge for candidates and delivers the top k with the answer Server-Timing', async () => {
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4, item: 'x1', filters: { category: 'audio' } });
    await expect.poll(async () => (await seen(page)).length).toBe(1);
    const [first] = await seen(page);
    expect(first.source).toBe('network');
    expect(first.items.map((i) => i.id)).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(first.timings?.map((t) => [t.name, t.dur])).toEqual([
      ['session', 0.4],
      ['tower', 0.2],
      ['ann', 1.5],
    ]);
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      key: 'demo',
      session: 'session-0001',
      placement: 'home',
      k: '24',
      item: 'x1',
      category: 'audio',
    });
  });

  it('asks for fewer candidates when the placement allows fewer (400 on k)', async () => {
    respond = (url) => (Number(url.searchParams.get('k')) > 12 ? { status: 400 } : { body: answer(12) });
    const page = await open();
    await subscribe(page, { placement: 'cart', k: 4 });
    await expect.poll(async () => (await seen(page)).length).toBe(1);
    expect(requests.map((u) => u.searchParams.get('k'))).toEqual(['24', '12']);
  });

  it('shows the cached answer after a reload before any network answer (storage allowed)', async () => {
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await databases(page)).includes('rec-recs')).toBe(true);
    await page.waitForTimeout(500); // the write is batched for 300 ms
    respond = () => 'hang';
    await page.reload();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).map((s) => s.source)).toEqual(['cache']);
    expect((await seen(page))[0].items.map((i) => i.id)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('keeps answers in memory only without storage consent, and writes no database', async () => {
    const page = await open(
      `?consent=${encodeURIComponent('{"analytics":false,"personalization":false,"storage":false}')}`,
    );
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).length).toBe(1);
    await subscribe(page, { placement: 'home', k: 2 });
    await expect.poll(async () => (await seen(page)).map((s) => s.source)).toEqual(['network', 'memory']);
    await page.waitForTimeout(500);
    expect(await databases(page)).toEqual([]);
  });

  it('re-ranks the cached candidates on the device the moment the visitor acts, then refreshes', async () => {
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).length).toBe(1);
    respond = () => ({ body: answer(24, 'r2') });
    await page.evaluate(() => {
      const host = (window as unknown as { host: { emit(n: string, d: unknown): void } }).host;
      host.emit('track', { type: 'view', ts: Date.now(), itemId: 'b20', props: { category: 'books' } });
    });
    const after = await seen(page);
    expect(after[1].source).toBe('rerank'); // synchronously, before any request
    expect(after[1].items.every((i) => i.id.startsWith('b'))).toBe(true);
    expect(after[1].items.map((i) => i.id)).not.toContain('b20'); // the item being looked at
    await expect.poll(async () => (await seen(page)).at(-1)?.recId).toBe('r2');
    expect(await page.evaluate(() => (window as unknown as { host: { flushes: number } }).host.flushes)).toBe(
      1,
    );
  });

  it('never shows what went into the cart, not even the item the re-rank would put first', async () => {
    // The one audio item among books goes into the cart: its similarity and department outweigh the
    // just-seen penalty, so without the exclusion the re-rank itself would show it first.
    const cart = { type: 'cart_add', ts: Date.now(), itemId: 'a0', props: { category: 'audio' } };
    const single = answer(24, 'r1', 1);
    expect(rerank(single.items, unpackVectors(single.vectors), touchesOf(cart))[0].id).toBe('a0');
    respond = () => ({ body: single });
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).length).toBe(1);
    expect((await seen(page))[0].items[0].id).toBe('a0');
    respond = () => ({ body: answer(24, 'r2', 1) }); // the edge still ranks it first
    await page.evaluate((e) => {
      const host = (window as unknown as { host: { emit(n: string, d: unknown): void } }).host;
      host.emit('track', e);
    }, cart);
    const reranked = (await seen(page))[1];
    expect(reranked.source).toBe('rerank');
    expect(reranked.items.map((i) => i.id)).toEqual(['b1', 'b2', 'b3', 'b4']);
    await expect.poll(async () => (await seen(page)).at(-1)?.recId).toBe('r2');
    expect((await seen(page)).at(-1)!.items.map((i) => i.id)).not.toContain('a0');
  });

  it('deletes the stored answers when consent is revoked', async () => {
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await databases(page)).includes('rec-recs')).toBe(true);
    await page.evaluate(() =>
      (window as unknown as { host: { setConsent(c: object): void } }).host.setConsent({
        analytics: false,
        personalization: false,
        storage: false,
      }),
    );
    await expect.poll(() => databases(page)).toEqual([]);
  });

  it("takes fresh answers pushed over the page's one WebSocket, and opens none without personalization", async () => {
    const sockets: URL[] = [];
    const up: { type: string; id?: string; query?: string }[] = [];
    await context.routeWebSocket(/\/v1\/recommendations\/ws/, (ws) => {
      sockets.push(new URL(ws.url()));
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m));
        up.push(msg);
        // The edge's first push to each new subscription, named by its id.
        const placement = new URLSearchParams(msg.query).get('placement');
        if (msg.type === 'subscribe')
          ws.send(
            JSON.stringify({ type: 'recommendations', id: msg.id, data: answer(24, `pushed-${placement}`) }),
          );
      });
    });
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect
      .poll(async () => (await seen(page)).map((s) => `${s.source}:${s.recId}`))
      .toEqual(['network:r1', 'push:pushed-home']);
    // A widget subscribing on the open socket is answered by its first push alone: no request.
    await subscribe(page, { placement: 'trending', k: 4 });
    await expect.poll(async () => (await seen(page)).at(-1)?.recId).toBe('pushed-trending');
    expect(requests.map((u) => u.searchParams.get('placement'))).toEqual(['home']);
    expect(sockets).toHaveLength(1); // one socket carries both widgets
    expect(sockets[0].protocol).toBe('ws:');
    expect(Object.fromEntries(sockets[0].searchParams)).toEqual({ key: 'demo', session: 'session-0001' });
    expect(up).toEqual([
      { type: 'subscribe', id: 'session-0001|home|||', query: 'placement=home&k=24' },
      { type: 'subscribe', id: 'session-0001|trending|||', query: 'placement=trending&k=24' },
    ]);

    const denied = await open(
      `?consent=${encodeURIComponent('{"analytics":false,"personalization":false,"storage":false}')}`,
    );
    await subscribe(denied, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(denied)).length).toBe(1);
    await denied.waitForTimeout(300);
    expect(sockets).toHaveLength(1);
  });

  it('asks for the answers of a subscription the edge refused on the socket', async () => {
    await context.routeWebSocket(/\/v1\/recommendations\/ws/, (ws) => {
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m));
        if (msg.type !== 'subscribe') return;
        if (msg.id.includes('trending'))
          ws.send(
            JSON.stringify({
              type: 'error',
              code: 'too_many_subscriptions',
              message: 'x',
              path: 'id',
              id: msg.id,
            }),
          );
        else ws.send(JSON.stringify({ type: 'recommendations', id: msg.id, data: answer(24, 'pushed') }));
      });
    });
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).at(-1)?.recId).toBe('pushed');
    await subscribe(page, { placement: 'trending', k: 4 });
    await expect
      .poll(() => requests.map((u) => u.searchParams.get('placement')))
      .toEqual(['home', 'trending']);
    await expect.poll(async () => (await seen(page)).at(-1)?.source).toBe('network');
  });

  it('unsubscribes a widget that leaves, but keeps the subscription a widget of the next page takes over', async () => {
    const up: { type: string; id?: string }[] = [];
    await context.routeWebSocket(/\/v1\/recommendations\/ws/, (ws) => {
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m));
        up.push(msg);
        if (msg.type === 'subscribe')
          ws.send(JSON.stringify({ type: 'recommendations', id: msg.id, data: answer(24, 'pushed') }));
      });
    });
    const page = await open();
    await page.evaluate(() => {
      const w = window as unknown as {
        rec: { subscribe(r: object, cb: (x: unknown) => void): () => void };
        seen: unknown[];
        off: Record<string, () => void>;
      };
      w.off = {
        home: w.rec.subscribe({ placement: 'home', k: 4 }, (r) => w.seen.push(r)),
        trending: w.rec.subscribe({ placement: 'trending', k: 4 }, (r) => w.seen.push(r)),
      };
    });
    await expect.poll(() => up.length).toBe(2);
    await expect.poll(async () => (await seen(page)).filter((s) => s.source === 'push').length).toBe(2);
    // The next page: both widgets leave in one task, and a new one asks for what `home` asked.
    await page.evaluate(() => {
      const w = window as unknown as {
        rec: { subscribe(r: object, cb: (x: unknown) => void): () => void };
        off: Record<string, () => void>;
      };
      w.off.home();
      w.off.trending();
      w.rec.subscribe({ placement: 'home', k: 8 }, () => {});
    });
    await expect.poll(() => up.length).toBe(3);
    await page.waitForTimeout(300);
    expect(up.slice(2)).toEqual([{ type: 'unsubscribe', id: 'session-0001|trending|||' }]);
  });

  it("asks nothing over HTTP for the next page's widget when the click's event went up the socket", async () => {
    const up: { type: string }[] = [];
    await context.routeWebSocket(/\/v1\/recommendations\/ws/, (ws) => {
      const ids = new Set<string>();
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m));
        up.push(msg);
        if (msg.type === 'subscribe') ids.add(msg.id);
        // Like the edge: a first push for a new subscription, a push for each after an event.
        for (const id of msg.type === 'subscribe' ? [msg.id] : msg.type === 'events' ? ids : [])
          ws.send(JSON.stringify({ type: 'recommendations', id, data: answer(24, 'pushed') }));
      });
    });
    const page = await open();
    await page.evaluate(() => {
      const w = window as unknown as {
        rec: { subscribe(r: object, cb: (x: unknown) => void): () => void };
        off?: () => void;
      };
      w.off = w.rec.subscribe({ placement: 'home', k: 4 }, () => {});
    });
    await expect.poll(() => up.length).toBe(1);
    const asked = requests.length;
    // The next page's widget of the same request, past the 2 s an answer is reused for without
    // asking; in the same task as a product click's view (sent up the socket) when `click`.
    const nextPage = (click: boolean) =>
      page.evaluate((c) => {
        const w = window as unknown as {
          rec: { subscribe(r: object, cb: (x: unknown) => void): () => void };
          host: { emit(n: string, d: unknown): void };
          off: () => void;
        };
        if (c) w.host.emit('track', { type: 'view', ts: Date.now(), itemId: 'b20', props: {} });
        w.off();
        w.off = w.rec.subscribe({ placement: 'home', k: 8 }, () => {});
      }, click);
    await page.waitForTimeout(2_100);
    await nextPage(true);
    await page.waitForTimeout(300);
    expect(requests.length - asked).toBe(0); // the event's push is the fresh answer
    expect(up.map((m) => m.type)).toEqual(['subscribe', 'events']); // still the one subscription
    // Without an event since its last push, a widget past the 2 s asks (e.g. after a catalogue change).
    await page.waitForTimeout(2_100);
    await nextPage(false);
    await expect.poll(() => requests.length - asked).toBe(1);
  }, 15_000);

  it('sends an item interaction up the open socket at once (no flush), a department browse not at all', async () => {
    const up: { type: string; id?: string }[] = [];
    await context.routeWebSocket(/\/v1\/recommendations\/ws/, (ws) => {
      let id = '';
      ws.onMessage((m) => {
        const msg = JSON.parse(String(m));
        if (msg.type === 'subscribe') id = msg.id;
        else up.push(msg);
        const recId = msg.type === 'subscribe' ? 'pushed' : `after-${up.length}`;
        ws.send(JSON.stringify({ type: 'recommendations', id, data: answer(24, recId) }));
      });
    });
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).at(-1)?.recId).toBe('pushed');
    const emit = (e: object) =>
      page.evaluate((ev) => {
        (window as unknown as { host: { emit(n: string, d: unknown): void } }).host.emit('track', ev);
      }, e);
    const view = {
      id: 'ev-00000001',
      type: 'view',
      ts: Date.now(),
      itemId: 'b20',
      props: { category: 'books' },
    };
    await emit({ ...view, sessionId: 'session-0001', userId: 'u-1' });
    await expect.poll(async () => (await seen(page)).at(-1)?.recId).toBe('after-1');
    expect(up).toEqual([
      {
        type: 'events',
        batch: {
          sessionId: 'session-0001',
          userId: 'u-1',
          consent: { analytics: true, personalization: true },
          events: [view],
        },
      },
    ]);
    await emit({ id: 'ev-00000002', type: 'list_view', ts: Date.now(), props: { category: 'audio' } });
    expect((await seen(page)).at(-1)?.source).toBe('rerank'); // the department re-ranks on the device
    await page.waitForTimeout(300);
    expect(up).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { host: { flushes: number } }).host.flushes)).toBe(
      0,
    );
  });

  it('keeps a pinned first item first when the visitor acts, and after the cart takes an item', async () => {
    const pinned = answer(24);
    pinned.items[0] = { ...pinned.items[0], pinned: true } as (typeof pinned.items)[0]; // a0: audio, pinned at 0
    respond = () => ({ body: pinned });
    const page = await open();
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).length).toBe(1);
    respond = () => 'hang'; // only the device answers from here on
    const emit = (e: object) =>
      page.evaluate((ev) => {
        (window as unknown as { host: { emit(n: string, d: unknown): void } }).host.emit('track', ev);
      }, e);
    await emit({ type: 'view', ts: Date.now(), itemId: 'b20', props: { category: 'books' } });
    await emit({ type: 'cart_add', ts: Date.now(), itemId: 'b21', props: { category: 'books' } });
    const reranked = (await seen(page)).filter((s) => s.source === 'rerank');
    expect(reranked).toHaveLength(2);
    for (const r of reranked) {
      expect(r.items[0].id).toBe('a0');
      expect(r.items.slice(1).every((i) => i.id.startsWith('b'))).toBe(true); // the rest follow the session
    }
    expect(reranked[1].items.map((i) => i.id)).not.toContain('b21');
    await page.close();
  });

  it("re-orders only the placement's own candidates, never items of another placement's answer", async () => {
    // Trending holds toys (a third direction); the personal slot holds audio and books.
    const trending = answer(24, 't1');
    trending.placement = 'trending';
    trending.items = trending.items.map((it, i) => ({ ...it, id: `t${i}`, category: 'toys' }));
    trending.vectors = packVectors(
      trending.items.map(() => [0, 0, 1, 0]),
      4,
    );
    respond = (url) => ({ body: url.searchParams.get('placement') === 'trending' ? trending : answer(24) });
    const page = await open();
    await subscribe(page, { placement: 'trending', k: 4 });
    await subscribe(page, { placement: 'home', k: 4 });
    await expect.poll(async () => (await seen(page)).length).toBe(2);
    await page.evaluate(() => {
      const host = (window as unknown as { host: { emit(n: string, d: unknown): void } }).host;
      host.emit('track', { type: 'view', ts: Date.now(), itemId: 't3', props: { category: 'toys' } });
    });
    const home = (await seen(page)).filter((s) => s.source === 'rerank' && s.recId === 'r1');
    expect(home).toHaveLength(1);
    const own = new Set(answer(24).items.map((i) => i.id));
    expect(home[0].items.filter((i) => !own.has(i.id))).toEqual([]);
    await page.close(); // before its refresh after the view reaches the next test's request log
  });

  it('refuses bad requests with a message naming the argument', async () => {
    const page = await open();
    const message = await page.evaluate(() =>
      (window as unknown as { rec: { recommend(r: object): Promise<unknown> } }).rec
        .recommend({ placement: 'home', k: 500 })
        .then(
          () => 'resolved',
          (e: Error) => e.message,
        ),
    );
    expect(message).toBe('recommend: k must be 1-50');
    expect(requests).toEqual([]);
  });
});
