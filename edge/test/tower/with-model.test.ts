/**
 * One of the two edge test files that import the 14 MB ORT wasm (it costs ~10 s per test file in
 * vitest-pool-workers): onnxruntime-web in workerd, and everything that runs the session tower.
 * The ONNX models are the model's real int8 session tower graph, built in Node by the global setup
 * with `model/src/onnx` and compared with its TypeScript reference.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, inject, it, vi } from 'vitest';
import { unpackVectors } from '../../../contracts/packed-vectors.ts';
import type { SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import type { RecommendationPush, RecommendationResponse } from '../../../contracts/recommendations.ts';
import { placementFor, SITES } from '../../src/config/sites.ts';
import type { ExperimentReport } from '../../src/experiments/stats.ts';
import { towerLoaded } from '../../src/model-registry/active-model.ts';
import { profileStub } from '../../src/people/profile-name.ts';
import { recommend, type SessionView } from '../../src/serving/recommend.ts';
import { Stopwatch } from '../../src/serving/timing.ts';
import { recordSignals, siteSignals } from '../../src/signals/site-signals.ts';
import { createSession, ort } from '../../src/tower/ort-workerd.ts';
import { publishFixture, sessionFor } from '../fixtures/publish-fixture.ts';
import type { TowerFixture } from '../fixtures/tower-fixture.ts';
import { ADMIN_TOKEN, BASE, postEvents, uid } from '../helpers.ts';

const bytesOf = (f: TowerFixture) => Uint8Array.from(atob(f.onnxBase64), (ch) => ch.charCodeAt(0));

async function runAll(session: ort.InferenceSession, f: TowerFixture): Promise<Float32Array> {
  const { sessions, maxLen } = f;
  const result = await session.run({
    items: new ort.Tensor('int32', Int32Array.from(sessions.flatMap((s) => s.items)), [
      sessions.length,
      maxLen,
    ]),
    ages: new ort.Tensor('float32', Float32Array.from(sessions.flatMap((s) => s.ages)), [
      sessions.length,
      maxLen,
    ]),
  });
  expect(result.embedding!.dims).toEqual([sessions.length, f.dim]);
  return result.embedding!.data as Float32Array;
}

function expectReference(out: Float32Array, f: TowerFixture): void {
  f.sessions.forEach((s, b) => {
    for (const [j, x] of s.expected.entries()) expect(out[b * f.dim + j]).toBeCloseTo(x, 5);
  });
}

describe('onnxruntime-web in workerd', () => {
  it("runs the model's int8 session tower and matches its TypeScript reference", async () => {
    const fixture = inject('tower');
    const session = await createSession(bytesOf(fixture));
    expect(session.inputNames).toEqual(['items', 'ages']);
    expectReference(await runAll(session, fixture), fixture);
  });

  it('creates two models concurrently in the same isolate (a model swap) and keeps them apart', async () => {
    const a = inject('tower');
    const b = inject('towerB');
    const [sa, sb] = await Promise.all([createSession(bytesOf(a)), createSession(bytesOf(b))]);
    expectReference(await runAll(sa, a), a);
    expectReference(await runAll(sb, b), b);
    expect(a.sessions[1]!.expected).not.toEqual(b.sessions[1]!.expected);
  });

  it('leaves WebAssembly.instantiate as it found it', async () => {
    const before = WebAssembly.instantiate;
    await createSession(bytesOf(inject('tower')));
    expect(WebAssembly.instantiate).toBe(before);
  });

  it('rejects bytes that are not an ONNX model, and still works afterwards', async () => {
    await expect(createSession(new Uint8Array([1, 2, 3]))).rejects.toThrow();
    const fixture = inject('tower');
    expectReference(await runAll(await createSession(bytesOf(fixture)), fixture), fixture);
  });
});

const emptySession: SessionView = { recent: [], carted: [], purchased: [] };

function request(placementName: string, k: number, extra: Record<string, unknown> = {}) {
  const placement = placementFor(SITES, 'demo', placementName)!;
  const params = { key: 'demo', session: 'session-test-1', placement: placementName, ...extra };
  return { site: 'demo', params, placement, k, recId: crypto.randomUUID() };
}

/**
 * Recommend until the answers come from `version` (a newly activated model loads in the background
 * while the previous one keeps answering) and its tower is ready; every answer on the way must be
 * complete.
 */
async function untilModel(version: string, make: () => ReturnType<typeof request>, session: SessionView) {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const outcome = await recommend(env, make(), session, new Stopwatch());
    if (!outcome.ok) throw new Error(`request ${i} failed: ${outcome.reason}`);
    seen.add(outcome.response.model);
    // A new isolate answers a session from trending while its tower loads: wait for the tower too.
    const coldWhileLoading = outcome.strategy === 'cold-start' && session.recent.length > 0;
    if (outcome.response.model === version && !coldWhileLoading) {
      await towerLoaded();
      return { outcome, seen };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`model ${version} never answered (saw ${[...seen].join(', ')})`);
}

/** The 4 items a session without history gets on the home placement for `category=`. */
async function coldItemsIn(category: string) {
  const outcome = await recommend(env, request('home', 4, { category }), emptySession, new Stopwatch());
  if (!outcome.ok) throw new Error('expected an answer');
  return outcome.response.items;
}

/** Items ranked by dot product with the session vector, best first (what the index must answer). */
function expectedOrder(fixture: TowerFixture, s: number): string[] {
  const q = fixture.sessions[s]!.expected;
  return fixture.vectors
    .map((v) => ({ id: v.id, score: v.values.reduce((sum, x, j) => sum + x * q[j]!, 0) }))
    .sort((a, b) => b.score - a.score)
    .map((x) => x.id);
}

describe('recommendations from a published model', () => {
  it('session strategy: tower vector → nearest items, then the rules, with packed vectors', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'fixture-a', 'a');
    await untilModel('fixture-a', () => request('home', 4), emptySession);
    const session: SessionView = { recent: sessionFor(fixture, 1), carted: [], purchased: [] };
    const req = request('home', 6);
    // No diversity limit or stock rule here, to compare with the plain nearest-neighbour order.
    req.placement = {
      ...req.placement,
      rules: { ...req.placement.rules, maxPerCategory: 0, skipOutOfStock: false },
    };
    const outcome = await recommend(env, req, session, new Stopwatch());
    if (!outcome.ok) throw new Error('expected an answer');
    expect(outcome.strategy).toBe('session');
    const { response } = outcome;
    expect(response.model).toBe('fixture-a');
    expect(response.items.map((i) => i.id)).toEqual(expectedOrder(fixture, 1).slice(0, 6));
    expect(response.items[0]).toMatchObject({ title: expect.any(String), category: expect.any(String) });
    const scores = response.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const unpacked = unpackVectors(response.vectors!);
    const first = fixture.vectors.find((v) => v.id === response.items[0]!.id)!;
    for (const [j, x] of unpacked[0]!.entries()) expect(x).toBeCloseTo(first.values[j]!, 2);
  });

  it('rules apply on top: out of stock, cart and bought items never come back; diversity holds', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'fixture-a', 'a');
    await untilModel('fixture-a', () => request('home', 4), emptySession);
    const order = expectedOrder(fixture, 1);
    const session: SessionView = {
      recent: sessionFor(fixture, 1),
      carted: [order[0]!],
      purchased: [order[1]!],
    };
    const outcome = await recommend(env, request('home', 8), session, new Stopwatch());
    if (!outcome.ok) throw new Error('expected an answer');
    const ids = outcome.response.items.map((i) => i.id);
    expect(ids).not.toContain(order[0]);
    expect(ids).not.toContain(order[1]);
    const byId = new Map(fixture.vectors.map((v) => [v.id, v.metadata]));
    expect(ids.every((id) => byId.get(id)!.inStock)).toBe(true);
    const perCategory = new Map<string, number>();
    for (const id of ids)
      perCategory.set(byId.get(id)!.category, (perCategory.get(byId.get(id)!.category) ?? 0) + 1);
    const limit = placementFor(SITES, 'demo', 'home')!.rules.maxPerCategory;
    expect(Math.max(...perCategory.values())).toBeLessThanOrEqual(limit);
  });

  it('an unknown session gets a cold-start answer from trending items', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'fixture-a', 'a');
    await untilModel('fixture-a', () => request('home', 4), emptySession);
    await recordSignals(env, 'demo', {
      at: Date.now(),
      sessionId: 'session-signals-1',
      events: [
        { type: 'purchase', items: ['item-5'] },
        { type: 'view', items: ['item-9'] },
      ],
    });
    await siteSignals(env, 'demo').refresh();
    const outcome = await recommend(env, request('home', 4), emptySession, new Stopwatch());
    if (!outcome.ok) throw new Error('expected an answer');
    expect(outcome.strategy).toBe('cold-start');
    expect(outcome.response.items.slice(0, 2).map((i) => i.id)).toEqual(['item-5', 'item-9']);

    // A category none of the trending items is in is filled from the index: like what trends.
    const items = await coldItemsIn('cat-0');
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.category === 'cat-0' && i.inStock !== false)).toBe(true);
    expect(items.every((i) => i.score > 0)).toBe(true);
    // The trending item of the category asked for comes first.
    const inCat4 = await coldItemsIn('cat-4');
    expect(inCat4.map((i) => i.id)[0]).toBe('item-5');
    expect(inCat4).toHaveLength(4);
  });

  it('similar strategy: neighbours of item= (which is left out)', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'fixture-a', 'a');
    await untilModel('fixture-a', () => request('home', 4), emptySession);
    const req = request('product', 5, { item: 'item-3' });
    req.placement = {
      ...req.placement,
      rules: { ...req.placement.rules, maxPerCategory: 0, skipOutOfStock: false },
    };
    const outcome = await recommend(env, req, emptySession, new Stopwatch());
    if (!outcome.ok) throw new Error('expected an answer');
    expect(outcome.strategy).toBe('similar');
    const q = fixture.vectors.find((v) => v.id === 'item-3')!.values;
    const expected = fixture.vectors
      .filter((v) => v.id !== 'item-3')
      .map((v) => ({ id: v.id, s: v.values.reduce((sum, x, j) => sum + x * q[j]!, 0) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 5)
      .map((x) => x.id);
    expect(outcome.response.items.map((i) => i.id)).toEqual(expected);
  });
});

describe('model hot swap', () => {
  it('keeps answering with the old model while the new one loads, then switches', async () => {
    const a = inject('tower');
    const b = inject('towerB');
    const req = () => {
      const r = request('home', 5);
      r.placement = {
        ...r.placement,
        rules: { ...r.placement.rules, maxPerCategory: 0, skipOutOfStock: false },
      };
      return r;
    };
    const sessionA: SessionView = { recent: sessionFor(a, 1), carted: [], purchased: [] };
    const sessionB: SessionView = { recent: sessionFor(b, 1), carted: [], purchased: [] };
    await publishFixture(a, 'swap-a', 'a');
    await untilModel('swap-a', req, sessionA);

    // Requests in flight while the new version is published and activated all get complete answers.
    const inFlight = Array.from({ length: 10 }, () => recommend(env, req(), sessionA, new Stopwatch()));
    await publishFixture(b, 'swap-b', 'b');
    const during = await Promise.all([
      ...inFlight,
      ...Array.from({ length: 10 }, () => recommend(env, req(), sessionB, new Stopwatch())),
    ]);
    for (const o of during) {
      expect(o.ok).toBe(true);
      if (o.ok) expect(o.response.items).toHaveLength(5);
    }
    // The old model answers until the new tower is ready; then the new one, with its own vectors.
    const { outcome, seen } = await untilModel('swap-b', req, sessionB);
    expect([...seen].every((m) => m === 'swap-a' || m === 'swap-b')).toBe(true);
    if (outcome.ok) expect(outcome.response.items.map((i) => i.id)).toEqual(expectedOrder(b, 1).slice(0, 5));
  });
});

describe('GET /v1/recommendations with a model', () => {
  const get = (query: Record<string, string>) =>
    exports.default.fetch(`${BASE}/v1/recommendations?${new URLSearchParams(query)}`);
  const track = (
    sessionId: string,
    events: { type: string; itemId?: string; ts?: number; props?: object }[],
  ) =>
    postEvents({
      sessionId,
      consent: { analytics: true, personalization: true },
      events: events.map((e) => ({ id: uid('ev'), ts: Date.now(), ...e })),
    });
  const plain = { key: 'demo', placement: 'home', k: '5' };

  it('answers with items, packed vectors and Server-Timing; follows the session as it changes', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'route-a', 'a');
    await untilModel('route-a', () => request('home', 4), emptySession);
    const session = uid('route');
    const cold = await get({ ...plain, session });
    expect(cold.status).toBe(200);
    const coldBody = (await cold.json()) as RecommendationResponse;
    expect(coldBody).toMatchObject({
      model: 'route-a',
      placement: 'home',
      recId: expect.stringMatching(/\.home$/),
    });
    expect(cold.headers.get('Server-Timing')).toMatch(/session;dur=[\d.]+.*model;dur=.*total;dur=/);

    // Every accepted event is visible to the very next recommendation.
    const events = sessionFor(fixture, 1).map((e) => ({
      type: 'view',
      itemId: e.itemId,
      ts: Math.round(e.ts),
    }));
    expect((await track(session, events)).status).toBe(202);
    const warm = await get({ ...plain, session });
    const body = (await warm.json()) as RecommendationResponse;
    expect(warm.headers.get('Server-Timing')).toMatch(/tower;dur=[\d.]+, ann;dur=/);
    const rules = placementFor(SITES, 'demo', 'home', session)!.rules;
    const byId = new Map(fixture.vectors.map((v) => [v.id, v.metadata]));
    // The tower's nearest items, after the stock rule and the diversity limit of this session's arm.
    const counts = new Map<string, number>();
    const expected = expectedOrder(fixture, 1)
      .filter((id) => byId.get(id)!.inStock)
      .filter((id) => {
        const cat = byId.get(id)!.category;
        const n = counts.get(cat) ?? 0;
        if (rules.maxPerCategory > 0 && n >= rules.maxPerCategory) return false;
        counts.set(cat, n + 1);
        return true;
      })
      .slice(0, 5);
    expect(body.items.map((i) => i.id)).toEqual(expected);
    expect(unpackVectors(body.vectors!)).toHaveLength(5);

    // Putting the top item in the cart removes it from the next answer at once.
    await track(session, [{ type: 'cart_add', itemId: expected[0] }]);
    const after = (await (await get({ ...plain, session })).json()) as RecommendationResponse;
    expect(after.items.map((i) => i.id)).not.toContain(expected[0]);
  });

  it("answers a returning signed-in visitor's new session from their history, before its own first click", async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'route-a', 'a');
    await untilModel('route-a', () => request('home', 4), emptySession);
    const user = uid('u');
    const identified = (sessionId: string, events: { type: string; itemId?: string; ts?: number }[]) =>
      postEvents({
        sessionId,
        userId: user,
        consent: { analytics: true, personalization: true },
        events: events.map((e) => ({ id: uid('ev'), ts: Date.now(), ...e })),
      });
    const clicks = sessionFor(fixture, 1).map((e) => ({
      type: 'view',
      itemId: e.itemId,
      ts: Math.round(e.ts),
    }));
    expect((await identified(uid('route'), clicks)).status).toBe(202);
    await vi.waitFor(
      async () =>
        expect((await profileStub(env, 'demo', user).snapshot())?.interactions).toHaveLength(clicks.length),
      { timeout: 5000, interval: 50 },
    );
    // A page view only: no item of its own, yet the session tower answers from the person's items.
    const returning = uid('route');
    expect((await identified(returning, [{ type: 'page' }])).status).toBe(202);
    const warm = await get({ ...plain, session: returning });
    expect(warm.status).toBe(200);
    expect(warm.headers.get('Server-Timing')).toMatch(/tower;dur=/);
    // The same page view without identify: a cold start.
    const anonymous = uid('route');
    expect((await track(anonymous, [{ type: 'page' }])).status).toBe(202);
    const cold = await get({ ...plain, session: anonymous });
    expect(cold.headers.get('Server-Timing')).not.toMatch(/tower;dur=/);
  });

  it('trending reacts to other sessions within the replica refresh (cold start for a new visitor)', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'route-a', 'a');
    await untilModel('route-a', () => request('home', 4), emptySession);
    const others = uid('buyer');
    // Five purchases (weight 5 each) outweigh what the other tests tracked on this site.
    await track(
      others,
      Array.from({ length: 5 }, () => ({ type: 'purchase', itemId: 'item-44' })),
    );
    // Each isolate reads the signal shards at most every SIGNALS_REFRESH_MS (1 s): within a few.
    const deadline = Date.now() + 5000;
    let first: string | undefined;
    while (first !== 'item-44' && Date.now() < deadline) {
      const res = (await (
        await get({ key: 'demo', placement: 'trending', session: uid('new') })
      ).json()) as RecommendationResponse;
      first = res.items[0]?.id;
      if (first !== 'item-44') await new Promise((r) => setTimeout(r, 100));
    }
    expect(first).toBe('item-44');
  });

  it('pushes fresh recommendations over a WebSocket when the session changes', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'route-a', 'a');
    await untilModel('route-a', () => request('home', 4), emptySession);
    const session = uid('ws');
    const res = await exports.default.fetch(
      `${BASE}/v1/recommendations/ws?${new URLSearchParams({ ...plain, session })}`,
      {
        headers: { Upgrade: 'websocket' },
      },
    );
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: RecommendationPush[] = [];
    let notify: () => void = () => {};
    ws.addEventListener('message', (e) => {
      messages.push(JSON.parse(e.data as string));
      notify();
    });
    ws.accept();
    const next = async (count: number) => {
      while (messages.length < count) {
        await new Promise<void>((r) => {
          notify = r;
        });
      }
      return messages[count - 1]!;
    };
    const first = await next(1);
    expect(first.type).toBe('recommendations');
    expect(first.data.model).toBe('route-a');
    const events = sessionFor(fixture, 1).map((e) => ({
      type: 'view',
      itemId: e.itemId,
      ts: Math.round(e.ts),
    }));
    await track(session, events);
    const pushed = await next(2);
    expect(pushed.data.recId).not.toBe(first.data.recId);
    expect(pushed.data.items.map((i) => i.id)).not.toEqual(first.data.items.map((i) => i.id));
    ws.close(1000, 'done');
  });

  it('pushes the fresh answer after events sent up the socket itself, with no POST at all', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'route-a', 'a');
    await untilModel('route-a', () => request('home', 4), emptySession);
    const session = uid('ws-up');
    const res = await exports.default.fetch(
      `${BASE}/v1/recommendations/ws?${new URLSearchParams({ ...plain, session })}`,
      { headers: { Upgrade: 'websocket' } },
    );
    const ws = res.webSocket!;
    const pushes: RecommendationPush[] = [];
    let notify: () => void = () => {};
    ws.addEventListener('message', (e) => {
      const msg = JSON.parse(e.data as string) as RecommendationPush | SocketEventsAnswer;
      if (msg.type === 'recommendations') pushes.push(msg);
      notify();
    });
    ws.accept();
    const next = async (count: number) => {
      while (pushes.length < count)
        await new Promise<void>((r) => {
          notify = r;
        });
      return pushes[count - 1]!;
    };
    const first = await next(1);
    const events = sessionFor(fixture, 1).map((e) => ({
      id: uid('ev'),
      type: 'view',
      itemId: e.itemId,
      ts: Math.round(e.ts),
    }));
    const batch = { sessionId: session, consent: { analytics: false, personalization: true }, events };
    ws.send(JSON.stringify({ type: 'events', batch }));
    const pushed = await next(2);
    expect(pushed.data.items.map((i) => i.id)).not.toEqual(first.data.items.map((i) => i.id));
    ws.close(1000, 'done');
  });

  it('impressions and clicks on an answer count for the session’s experiment arm', async () => {
    const fixture = inject('tower');
    await publishFixture(fixture, 'route-a', 'a');
    await untilModel('route-a', () => request('home', 4), emptySession);
    const session = uid('exp');
    const answer = (await (await get({ ...plain, session })).json()) as RecommendationResponse;
    expect(answer.variant).toBeDefined();
    const report = async () => {
      const r = await exports.default.fetch(`${BASE}/v1/experiments/home-diversity?key=demo`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      return ((await r.json()) as ExperimentReport).variants.find((v) => v.variant === answer.variant)!;
    };
    const before = await report();
    await track(session, [
      { type: 'impression', props: { recId: answer.recId } },
      { type: 'rec_click', itemId: answer.items[0]!.id, props: { recId: answer.recId } },
    ]);
    const after = await report();
    expect(after.impressions - before.impressions).toBe(1);
    expect(after.clicks - before.clicks).toBe(1);
  });
});
