/**
 * A session's first-stage candidates are reused while nothing they depend on changed, from the real
 * serving path (tower → index → second stage → rules): a repeated question runs neither the tower nor
 * the index query and answers the same items; another placement asking the same index question
 * shares them under its own rules; a new click, another filter, a catalogue change or a model swap
 * asks the index again; through the session object, an event drops them. Imports the ORT wasm through
 * the model (~10 s for this file).
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { placementFor, SITES } from '../../src/config/sites.ts';
import { towerLoaded } from '../../src/model-registry/active-model.ts';
import { recommend, type SessionView } from '../../src/serving/recommend.ts';
import { SessionCandidates } from '../../src/serving/session-candidates.ts';
import { Stopwatch } from '../../src/serving/timing.ts';
import { catalog, ndjson } from '../catalog/client.ts';
import { publishFixture, sessionFor } from '../fixtures/publish-fixture.ts';
import type { TowerFixture } from '../fixtures/tower-fixture.ts';
import { untilTowerAnswers } from '../fixtures/until-tower.ts';
import { BASE, postEvents, uid } from '../helpers.ts';

let fixture: TowerFixture;
const MODEL = 'reuse-model';
const categoryOf = (id: string) => fixture.vectors.find((v) => v.id === id)?.metadata.category;

/**
 * A session view whose tower runs are counted, with its own reused candidates: fixture session 1's
 * clicks, then item `extra` (a session of its own for each test).
 */
function counted(extra = 0) {
  const runs = { n: 0 };
  const view: SessionView = {
    recent: [...sessionFor(fixture, 1), { itemId: fixture.itemIds[extra]!, ts: Date.now() }],
    carted: [],
    purchased: [],
    tower: (model, input) => {
      runs.n++;
      return model.runner.run(input);
    },
    candidates: new SessionCandidates(),
  };
  return { view, runs };
}

/** The answer for `view` at `placement` of `site`, and its Server-Timing stages. */
async function answer(
  view: SessionView,
  {
    placement = 'home',
    site = 'demo',
    category,
  }: { placement?: string; site?: string; category?: string } = {},
): Promise<{ response: RecommendationResponse; stages: Record<string, number> }> {
  const sessionId = 'session-reuse-1';
  const resolved = placementFor(SITES, site, placement, sessionId)!;
  const sw = new Stopwatch();
  const outcome = await recommend(
    env,
    {
      site,
      params: { key: site, session: sessionId, placement, ...(category ? { category } : {}) },
      placement: resolved,
      k: resolved.k,
      recId: crypto.randomUUID(),
    },
    view,
    sw,
  );
  if (!outcome.ok) throw new Error('expected an answer');
  return { response: outcome.response, stages: sw.toJSON() };
}
const ids = (r: RecommendationResponse) => r.items.map((i) => i.id);

/** Wait until this isolate answers from the tower of model `version`. */
async function untilModel(version: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const { response, stages } = await answer(counted().view);
    if (response.model === version && 'tower' in stages) return;
    await towerLoaded();
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`model ${version} never answered from its tower`);
}

beforeAll(async () => {
  fixture = inject('tower');
  await publishFixture(fixture, MODEL, 'a');
  await untilModel(MODEL);
}, 60_000);

describe("a session's reused candidates", () => {
  it('a repeated question runs neither the tower nor the index query, and answers the same items', async () => {
    const { view, runs } = counted();
    const first = await answer(view);
    expect(first.stages).toHaveProperty('ann');
    expect(runs.n).toBe(1);
    const again = await answer(view);
    expect(again.stages).toHaveProperty('reused');
    expect(again.stages).not.toHaveProperty('ann');
    expect(again.stages).not.toHaveProperty('tower');
    expect(runs.n).toBe(1);
    expect(ids(again.response)).toEqual(ids(first.response));
    expect(again.response.vectors).toEqual(first.response.vectors);
    // The same as an answer that computed everything itself.
    expect(ids((await answer(counted().view)).response)).toEqual(ids(first.response));
  });

  it('another placement with the same index question shares them and keeps its own rules and k', async () => {
    const { view, runs } = counted(2);
    await answer(view, { placement: 'home' });
    const cart = await answer(view, { placement: 'cart' }); // k 4, one item per category
    expect(cart.stages).toHaveProperty('reused');
    expect(runs.n).toBe(1);
    expect(cart.response.items).toHaveLength(4);
    expect(new Set(ids(cart.response).map(categoryOf)).size).toBe(4);
  });

  it('a new click or another filter asks the index again', async () => {
    const { view, runs } = counted(3);
    await answer(view);
    const category = await answer(view, { category: 'cat-2' });
    expect(category.stages).toHaveProperty('ann');
    expect(category.response.items.every((i) => categoryOf(i.id) === 'cat-2')).toBe(true);
    const clicked = { ...view, recent: [...view.recent, { itemId: fixture.itemIds[19]!, ts: Date.now() }] };
    const after = await answer(clicked);
    expect(after.stages).toHaveProperty('ann');
    expect(runs.n).toBe(3);
  });

  it('a catalogue change asks the index again (and its answer has k items without the sold-out one)', async () => {
    const items = fixture.vectors.map((v) => ({
      id: v.id,
      title: v.id,
      category: v.metadata.category,
      inStock: v.metadata.inStock,
    }));
    const res = await catalog('POST', '', {
      site: 'shop2',
      body: ndjson(items),
      type: 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    const { view, runs } = counted(4);
    const first = await answer(view, { site: 'shop2' });
    expect((await answer(view, { site: 'shop2' })).stages).toHaveProperty('reused');
    const top = first.response.items[0]!.id;
    expect((await catalog('PATCH', `/${top}`, { site: 'shop2', body: { inStock: false } })).status).toBe(200);
    const after = await answer(view, { site: 'shop2' });
    expect(after.stages).toHaveProperty('ann');
    expect(runs.n).toBe(2);
    expect(after.response.items).toHaveLength(first.response.items.length);
    expect(ids(after.response)).not.toContain(top);
  });

  it('through the session object: a repeated request reuses them, the next event drops them', async () => {
    await untilTowerAnswers('demo', fixture.itemIds[0]!);
    const sessionId = uid('reuse-do');
    const consent = { analytics: true, personalization: true };
    const view = (itemId: string) => ({ id: uid('ev'), type: 'view', ts: Date.now(), itemId });
    await postEvents({ sessionId, consent, events: [view(fixture.itemIds[1]!)] }, { key: 'demo' });
    const timing = async () => {
      const q = new URLSearchParams({ key: 'demo', session: sessionId, placement: 'home' });
      const res = await exports.default.fetch(`${BASE}/v1/recommendations?${q}`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      return res.headers.get('server-timing') ?? '';
    };
    expect(await timing()).toMatch(/\bann;/);
    expect(await timing()).toMatch(/\breused;/);
    await postEvents({ sessionId, consent, events: [view(fixture.itemIds[2]!)] }, { key: 'demo' });
    const afterEvent = await timing();
    expect(afterEvent).toMatch(/\btower;dur=[\d.]+, ann;/);
    expect(afterEvent).not.toMatch(/\breused;/);
    expect(await timing()).toMatch(/\breused;/);
  });

  it('a model swap asks the new model’s index (last: it changes the active model)', async () => {
    const { view, runs } = counted(5);
    await answer(view);
    expect((await answer(view)).stages).toHaveProperty('reused');
    await publishFixture(fixture, `${MODEL}-2`, 'b');
    await untilModel(`${MODEL}-2`);
    const before = runs.n;
    const swapped = await answer(view);
    expect(swapped.response.model).toBe(`${MODEL}-2`);
    expect(swapped.stages).toHaveProperty('ann');
    expect(runs.n).toBe(before + 1);
  }, 30_000);
});
