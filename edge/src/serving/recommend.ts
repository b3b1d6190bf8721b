/**
 * One recommendation, end to end, for a session: active model → retrieval (session tower + nearest
 * items, items similar to `item=`, or trending for a cold start) → second stage for session and
 * similar answers (the model's re-rank with the site's online signals, rerank.ts) → business rules →
 * answer with metadata and packed vectors. Runs inside the session's Durable Object.
 */

import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { type SessionClick, type TowerInput, towerInput } from '../../../model/src/serve/index.ts';
import { catalogGoverns } from '../catalog/cache.ts';
import type { Placement } from '../config/sites.ts';
import { errorFields, log } from '../log.ts';
import { activeModel, type LoadedModel, loadTowerSoon } from '../model-registry/active-model.ts';
import { applyRules } from '../rules/apply.ts';
import { indexFilter, isEligible } from '../rules/eligible.ts';
import type { Candidate, RuleContext } from '../rules/types.ts';
import { siteSignals } from '../signals/site-signals.ts';
import { vectorIndex } from '../vectorize/binding.ts';
import { assemble } from './assemble.ts';
import { backfill } from './backfill.ts';
import { fromVectors } from './candidates.ts';
import { admit, type CatalogView, catalogView, metadataOf, readInto } from './catalog-view.ts';
import { withFreshItems } from './fresh-index.ts';
import { itemsById } from './item-cache.ts';
import type { RecommendationParams } from './params.ts';
import { rerank } from './rerank.ts';
import { candidateCount, fillCategory, nearest, type Retrieved, similarTo, trending } from './retrieve.ts';
import { candidateKey, type SessionCandidates } from './session-candidates.ts';
import type { Stopwatch } from './timing.ts';

/** What the recommender reads of a session (the session Durable Object's context). */
export interface SessionView {
  /** Behavioural item interactions, oldest first; `ts` in ms since the epoch. */
  recent: readonly { itemId: string; ts: number }[];
  carted: readonly string[];
  purchased: readonly string[];
  /**
   * Runs the session tower (default: the model's runner). A push shares one run among the
   * session's widgets: they ask the same model about the same clicks.
   */
  tower?: (model: LoadedModel, input: TowerInput) => Promise<Float32Array>;
  /**
   * The session's reused first-stage candidates (session-candidates.ts): with it, an answer whose
   * tower input, model and catalogue are those of an earlier one runs neither tower nor index query.
   */
  candidates?: SessionCandidates;
}

/** A request already validated by the route. */
export interface RecommendRequest {
  site: string;
  params: RecommendationParams;
  placement: Placement;
  k: number;
  recId: string;
}

/** The answer, or why there is none. */
export type RecommendOutcome =
  | {
      ok: true;
      response: RecommendationResponse;
      strategy: 'session' | 'similar' | 'trending' | 'cold-start';
    }
  | { ok: false; reason: 'no_model' };

/** What reusing a session's candidates reads of the answer's catalogue view. */
type Catalogue = Pick<CatalogView, 'stamp' | 'caughtUp'>;

/** The tower gave no vector (logged where it failed): the answer degrades to the cold start. */
class TowerFailed extends Error {}

/**
 * The items nearest to the session's tower vector for `input`, reused through `session.candidates`
 * when it has them for the same question; undefined when the tower gives no vector.
 */
async function sessionNearest(
  model: LoadedModel,
  index: Vectorize,
  session: SessionView,
  input: TowerInput,
  query: {
    site: string;
    topK: number;
    filter: VectorizeVectorMetadataFilter | undefined;
    catalogue: Catalogue;
  },
  sw?: Stopwatch,
): Promise<Retrieved | undefined> {
  const { topK, filter } = query;
  const run = session.tower ?? ((m: LoadedModel, i: TowerInput) => m.runner.run(i));
  const towerThenIndex = async (): Promise<Retrieved | undefined> => {
    const vector = await run(model, input).catch((err) => {
      log('error', 'tower failed', { site: query.site, model: model.manifest.version, ...errorFields(err) });
      return undefined;
    });
    if (!vector) return undefined;
    sw?.lap('tower');
    const retrieved = await nearest(index, vector, { topK, filter, metric: model.manifest.metric });
    sw?.lap('ann');
    return retrieved;
  };
  if (!session.candidates) return towerThenIndex();
  // A failed tower is not reused either: the entry is dropped and the answer degrades.
  const keyNow = () => candidateKey({ model, catalogue: query.catalogue.stamp(), topK, filter }, input);
  let key = keyNow();
  // A miss's tower and index query run beside the replica's catch-up; a hit waits for it first,
  // so that candidates from before a catalogue change are not reused after it.
  if (session.candidates.has(key)) {
    await query.catalogue.caughtUp.catch(() => undefined);
    key = keyNow();
  }
  const reused = await session.candidates
    .get(key, async () => {
      const r = await towerThenIndex();
      if (!r) throw new TowerFailed();
      return r;
    })
    .catch((err) => {
      if (err instanceof TowerFailed) return undefined;
      throw err;
    });
  if (reused?.hit) sw?.lap('reused');
  return reused?.retrieved;
}

async function retrieve(
  env: Env,
  index: Vectorize,
  model: LoadedModel,
  req: RecommendRequest,
  session: SessionView,
  ctx: RuleContext,
  catalogue: Catalogue,
  sw: Stopwatch,
): Promise<{ retrieved: Retrieved; strategy: 'session' | 'similar' | 'trending' | 'cold-start' }> {
  const signals = siteSignals(env, req.site);
  const { metric } = model.manifest;
  const topK = candidateCount(req.k, model.manifest.rerank.candidates);
  const filter = indexFilter(ctx);
  // The second stage for a set of clicks; if the signals cannot be read (a cold replica whose
  // shards are unreachable), answer from the first stage alone rather than not at all.
  const secondStage = async (clicks: SessionClick[], retrieved: Retrieved) => {
    const session = { id: req.params.session, clicks };
    // Twice k ahead: what the rules usually keep of the best ranked (diversity, exclusions).
    const ahead = 2 * req.k;
    const reranked = await rerank(index, signals, model, session, retrieved, topK, ahead).catch((err) => {
      log('error', 'rerank failed', { site: req.site, ...errorFields(err) });
      return retrieved;
    });
    sw.lap('rerank');
    return reranked;
  };
  if (req.placement.strategy === 'similar' && req.params.item !== undefined) {
    const similar = await similarTo(index, req.params.item, { topK, filter, metric });
    sw.lap('ann');
    if (similar) {
      // "Similar to this product" is re-ranked as a one-click session on the product: its
      // sequential-rule and co-occurrence neighbours ("viewed next", "viewed with") join the
      // nearest items, blended with the model's weights.
      const anchor = [{ itemId: req.params.item, time: Date.now() / 1000 }];
      return { retrieved: await secondStage(anchor, similar), strategy: 'similar' };
    }
  }
  if (req.placement.strategy !== 'trending') {
    // The model's tower input reads Unix seconds; the session keeps ms.
    const clicks = session.recent.map((e) => ({ itemId: e.itemId, time: e.ts / 1000 }));
    // A tower still loading in this isolate (a cold start: ~300 ms) or that cannot run (its model
    // failed to load here) degrades to the cold-start answer, as for a new visitor.
    const input = model.towerLoading
      ? undefined
      : towerInput(clicks, model.index, model.manifest.tower.maxLen);
    const retrieved =
      input?.items.some((i) => i > 0) === true
        ? await sessionNearest(model, index, session, input, { site: req.site, topK, filter, catalogue }, sw)
        : undefined;
    if (retrieved) return { retrieved: await secondStage(clicks, retrieved), strategy: 'session' };
  }
  // Trending is decayed popularity by definition (and a cold session has no clicks to re-rank
  // with), so it skips the second stage; a few times k covers what the rules filter out.
  let retrieved = await trending(index, signals, Math.min(topK, req.k * 4), model.manifest.version);
  sw.lap('trending');
  if (ctx.category !== undefined) {
    retrieved = await fillCategory(index, retrieved, ctx.category, req.k, { filter, metric });
    sw.lap('ann');
  }
  return { retrieved, strategy: req.placement.strategy === 'trending' ? 'trending' : 'cold-start' };
}

/** Recommend for one session; `sw` collects the Server-Timing stages. */
export async function recommend(
  env: Env,
  req: RecommendRequest,
  session: SessionView,
  sw: Stopwatch,
): Promise<RecommendOutcome> {
  // In a new isolate the catalogue and the site's signals are as cold as the model: their first
  // reads start now instead of after the model's (warm, both answer from memory).
  void catalogGoverns(env.CATALOG, req.site).catch(() => undefined);
  void siteSignals(env, req.site)
    .trending(1, undefined)
    .catch(() => undefined);
  const model = await activeModel(env.MODELS);
  sw.lap('model');
  if (!model) return { ok: false, reason: 'no_model' };
  const { params, placement, k } = req;
  const exclude = new Set(params.exclude ?? []);
  if (params.item !== undefined) exclude.add(params.item);
  const ctx: RuleContext = {
    rules: placement.rules,
    session: { bought: new Set(session.purchased), inCart: new Set(session.carted) },
    exclude,
    category: params.category,
  };
  // The catalogue decides what may be shown; its fresh items join the index (fresh-index.ts).
  const view = await catalogView(env.CATALOG, req.site, model);
  sw.lap('catalog');
  const index = withFreshItems(vectorIndex(env, model.slot), view.fresh, model.manifest.metric);
  // The placement's pins are known before retrieval: their vectors are read beside it (the item
  // cache, else one `getByIds`), not after it.
  const pins = placement.rules.pin;
  const pinVectors =
    pins.length > 0
      ? itemsById(
          index,
          model.manifest.version,
          pins.map((p) => p.id),
        )
      : undefined;
  pinVectors?.catch(() => undefined); // awaited below
  const { retrieved, strategy } = await retrieve(env, index, model, req, session, ctx, view, sw);
  const admitted = async (cs: readonly Candidate[]) => {
    await readInto(
      env.CATALOG,
      req.site,
      view,
      cs.map((c) => c.id),
    );
    return admit(view, model, cs);
  };
  let pinned: Candidate[] = [];
  if (pinVectors) {
    const vectors = await pinVectors;
    retrieved.known.push(...vectors);
    pinned = fromVectors(vectors, () => 0).map((c) => ({ ...c, pinned: true as const }));
  }
  [retrieved.candidates, pinned] = await Promise.all([admitted(retrieved.candidates), admitted(pinned)]);
  sw.lap('admit');
  let candidates = retrieved;
  let final = applyRules(candidates.candidates, ctx, k, pinned);
  if (final.length < k) {
    // Too few survived the rules (nothing trending yet, rules that filter hard): fill from the
    // index. Every eligible candidate is already in `final`; a backfilled pin would not count.
    const want = k - final.length + pinned.length;
    const { version, tower } = model.manifest;
    const eligible = async (cs: Candidate[]) => (await admitted(cs)).filter((c) => isEligible(c, ctx));
    // New arrivals first (the catalogue's fresh items), then the model's items.
    const order = [...view.fresh.map((v) => v.id), ...tower.items];
    candidates = await backfill(index, version, order, retrieved, want, eligible);
    final = applyRules(candidates.candidates, ctx, k, pinned);
  }
  sw.lap('rules');
  const response = await assemble(
    index,
    final,
    {
      recId: req.recId,
      model: model.manifest.version,
      placement: placement.name,
      variant: placement.experiment?.variant,
    },
    model.manifest.dim,
    candidates.known,
    (id, indexMeta) => metadataOf(view, id, indexMeta),
  );
  sw.lap('assemble');
  if (model.towerLoading) loadTowerSoon();
  return { ok: true, response, strategy };
}
