/**
 * The report of a scripted shop session, through the real Worker: exact funnel counts, attributed
 * revenue, the experiment arm and traffic, unchanged by a retried batch and a redelivered queue
 * message.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import type { EventBatchInput, LoggedEvent } from '../../../contracts/schema/events.ts';
import { reportProblem } from '../../../contracts/schema/report.ts';
import { SITES } from '../../src/config/sites.ts';
import { assignVariant } from '../../src/experiments/assign.ts';
import worker from '../../src/index.ts';
import { flushTraffic } from '../../src/report/traffic-counters.ts';
import { ADMIN_TOKEN, BASE, loggedLines, postEvents, uid } from '../helpers.ts';

const HOUR = 3_600_000;

function getReport(query: Record<string, string | number>): Promise<Response> {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return exports.default.fetch(`${BASE}/v1/admin/report?${q}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
}

describe('GET /v1/admin/report: a scripted session', () => {
  it('counts impressions, clicks, carts and the recommended line of an order exactly once', async () => {
    const session = uid('shopper');
    const t = Date.now() - 30 * 60_000;
    const ev = (type: string, dt: number, itemId?: string, props?: Record<string, unknown>) => ({
      id: uid('ev'),
      type,
      ts: t + dt,
      ...(itemId ? { itemId } : {}),
      ...(props ? { props } : {}),
    });
    const batch = (...events: ReturnType<typeof ev>[]): EventBatchInput => ({
      sessionId: session,
      consent: { analytics: true, personalization: true },
      events,
    });
    const home = { recId: 'r1.home' };
    const product = { recId: 'r2.product' };
    const seen = batch(
      ev('impression', 0, 'a', home),
      ev('impression', 1, 'b', home),
      ev('impression', 2, 'c', home),
      ev('impression', 3, 'd', product),
    );
    const clicks = batch(
      ev('rec_click', 10_000, 'a', home),
      ev('rec_click', 11_000, 'd', product),
      ev('rec_click', 12_000, 'a', home), // a second click on the same item: the order still counts once
      ev('Product Added', 20_000, 'a'),
      ev('Product Added', 21_000, 'z'), // never recommended
    );
    const order = batch(
      ev('Order Completed', 30_000, undefined, {
        order_id: 'o-1',
        currency: 'EUR',
        products: [
          { product_id: 'a', price: 19.99, quantity: 2 },
          { product_id: 'z', price: 5, quantity: 1 },
        ],
      }),
    );
    const late = batch(ev('rec_click', 40_000, 'z', home)); // after the order: attributes nothing
    for (const b of [seen, clicks, order, late]) expect((await postEvents(b)).status).toBe(202);
    const retried = await postEvents(clicks); // the SDK's retry of a batch whose answer was lost
    expect(await retried.json()).toEqual({ accepted: 0, duplicates: 5 });

    const malformed = batch(
      ev('purchase', 50_000, undefined, { currency: 'EUR', items: [{ item_id: 'a', price: 'cheap' }] }),
    );
    const refused = await postEvents(malformed);
    expect(refused.status).toBe(400);
    expect((await refused.json<{ error: { path: string } }>()).error.path).toBe(
      'events.0.props.items.0.price',
    );
    const recs = await exports.default.fetch(
      `${BASE}/v1/recommendations?key=demo&session=${session}&placement=home`,
    );
    expect(recs.status).toBe(503); // no model in this file; the request still counts

    const range = { key: 'demo', from: t - HOUR, to: Date.now() + HOUR };
    // The local queue delivers after its batch timeout; wait until every logged event is in.
    await vi.waitFor(async () => expect(await loggedLines(session)).toHaveLength(11), {
      timeout: 20_000,
      interval: 250,
    });
    await flushTraffic(env.CATALOG);
    const first = await (await getReport(range)).json<Report>();

    // Redelivery: the queue hands the same messages to the consumer again.
    const lines = await loggedLines(session);
    const redelivered = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: 'again', timestamp: new Date(), attempts: 2, body: lines },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(redelivered, env);
    expect((await getQueueResult(redelivered, ctx)).explicitAcks).toEqual(['again']);
    const res = await getReport(range);
    expect(res.status).toBe(200);
    const report = await res.json<Report>();
    expect(reportProblem(report)).toBeUndefined();
    expect({ ...report, generatedAt: 0 }).toEqual({ ...first, generatedAt: 0 });

    const byName = Object.fromEntries(report.placements.map((p) => [p.placement, p]));
    expect(Object.keys(byName)).toEqual(['home', 'product']);
    expect(byName.home).toMatchObject({
      impressions: 3,
      clicks: 3,
      addToCarts: 1,
      orders: 1,
      attributedRevenue: [{ currency: 'EUR', amount: 39.98 }],
    });
    expect(byName.home!.ctr.value).toBe(1);
    expect(byName.product).toMatchObject({
      impressions: 1,
      clicks: 1,
      addToCarts: 0,
      orders: 0,
      attributedRevenue: [],
    });
    expect(byName.home!.hourly.reduce((s, h) => s + h.impressions, 0)).toBe(3);
    expect(report.from % HOUR).toBe(0);
    expect(byName.home!.hourly).toHaveLength((report.to - report.from) / HOUR);

    const [experiment] = report.experiments;
    const config = SITES.default.experiments!['home-diversity']!;
    const arm = assignVariant('home-diversity', session, config.variants);
    expect(experiment!.experiment).toBe('home-diversity');
    expect(experiment!.method).toMatch(/mSPRT/);
    const mine = experiment!.variants.find((v) => v.variant === arm)!;
    const other = experiment!.variants.find((v) => v.variant !== arm)!;
    expect(mine).toMatchObject({ visitors: 1, impressions: 3, clicks: 3 });
    expect(mine.conversion.value).toBe(1);
    // Every line of the visitor's order, recommended or not: 39.98 + 5.
    expect(mine.revenuePerVisitor).toMatchObject([{ currency: 'EUR', value: 44.98 }]);
    expect(other).toMatchObject({ visitors: 0, impressions: 0, clicks: 0 });
    expect(experiment!.variants[1]!.vsControl!.conversion.verdict).toBe('inconclusive');

    expect(report.traffic).toMatchObject({
      eventsAccepted: 4 + 5 + 1 + 1 + 5,
      eventsRejected: { invalid_body: 1 },
      recommendationRequests: 1,
      pushSubscribers: 0,
      latency: { count: 0, p50: null },
    });
    expect(report.catalogueCoverage).toEqual({ recommended: 0, catalogue: 0, value: null });
    expect(report.alerts).toEqual([]);
  }, 30_000);
});

describe('GET /v1/admin/report: the query', () => {
  const now = Date.now();
  it.each([
    [{ from: now - HOUR, to: now }, 'key'],
    [{ key: 'demo', to: now }, 'from'],
    [{ key: 'demo', from: 'soon', to: now }, 'from'],
    [{ key: 'demo', from: now, to: now - 1 }, 'to'],
    [{ key: 'demo', from: now - 32 * 24 * HOUR, to: now }, 'to'],
    [{ key: 'de mo', from: now - HOUR, to: now }, 'key'],
  ])('refuses %o naming %s', async (query, path) => {
    const res = await getReport(query as Record<string, string | number>);
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { path: string } }>()).error.path).toBe(path);
  });

  it('needs the admin token', async () => {
    const res = await exports.default.fetch(`${BASE}/v1/admin/report?key=demo&from=0&to=1`);
    expect(res.status).toBe(401);
  });
});
