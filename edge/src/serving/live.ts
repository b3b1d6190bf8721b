/**
 * The serving side of a session Durable Object: answers recommendation requests from the session's
 * state, sends every accepted batch to the session's shard of the site's online signals, and
 * pushes fresh recommendations to the session's WebSocket subscribers when the session changes.
 * `SessionDO` delegates to it so that storage and serving stay in separate files.
 */

import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { TrackedEvent } from '../../../contracts/schema/events.ts';
import { preloadRows } from '../catalog/cache.ts';
import { sitesFor, sitesNow } from '../config/runtime-config.ts';
import { experimentsFor, placementFor } from '../config/sites.ts';
import { variantsFor } from '../experiments/assign.ts';
import { ApiError } from '../http/api-error.ts';
import { checkLimit } from '../limits/check.ts';
import { errorFields, log } from '../log.ts';
import { type LoadedModel, warmModel } from '../model-registry/active-model.ts';
import type { Refusal } from '../push/socket-messages.ts';
import {
  addSubscription,
  allTargets,
  type PushTarget,
  pushAll,
  socketOf,
  subscribe,
} from '../push/subscriptions.ts';
import { worthPushing } from '../push/worth-pushing.ts';
import type { SessionContext } from '../session/types.ts';
import { recordSignals, siteSignals } from '../signals/site-signals.ts';
import { vectorIndex } from '../vectorize/binding.ts';
import type { RecommendationParams } from './params.ts';
import { newRecId } from './rec-id.ts';
import { type RecommendOutcome, type RecommendRequest, recommend, type SessionView } from './recommend.ts';
import { resolveRequest } from './resolve-request.ts';
import { SessionCandidates } from './session-candidates.ts';
import { signalBatch } from './session-signals.ts';
import { Stopwatch } from './timing.ts';

/** A recommendation request as the route sends it to the session object. */
export type SessionRecommendRequest = Omit<RecommendRequest, 'recId'>;

/** The outcome plus the stage durations measured inside the object (for Server-Timing). */
export interface SessionRecommendResult {
  outcome: RecommendOutcome;
  timings: Record<string, number>;
}

/** Header carrying validated subscription parameters from the route to the object. */
export const SUBSCRIPTION_HEADER = 'X-Rec-Subscription';

/** What the route validated of a socket: its site and session, and the placement if its URL named one. */
export type Subscription = Pick<RecommendationParams, 'key' | 'session'> & Partial<RecommendationParams>;

/** The session's experiment arms on site `site` (none when the site is unknown to the caller). */
export function sessionVariants(site: string | undefined, sessionId: string): Record<string, string> {
  return site === undefined ? {} : variantsFor(experimentsFor(sitesNow(), site), sessionId);
}

/** The recommender's view of a session context. */
export function sessionView(ctx: SessionContext): SessionView {
  return { recent: ctx.recent, carted: ctx.aggregates.carted, purchased: ctx.aggregates.purchased };
}

/** A tower runner that runs each model once, however many answers ask it (one push's widgets). */
function sharedTower(): NonNullable<SessionView['tower']> {
  const runs = new Map<LoadedModel, Promise<Float32Array>>();
  return (model, input) => {
    let run = runs.get(model);
    if (!run) {
      run = model.runner.run(input);
      runs.set(model, run);
    }
    return run;
  };
}

let warmed = false;

/**
 * Once per isolate, load the active model and its item index in the background (tower session
 * creation and, for the stand-in, the lazy load of all vectors): this hides the cold start from the
 * first recommendation request, which usually follows the page's first event.
 */
function warmServing(env: Env): void {
  if (warmed) return;
  warmed = true;
  void warmModel(env.MODELS, (model) => vectorIndex(env, model.slot).describe());
}

export class LiveRecommender {
  // Subscription changes one after the other, in the order they arrived: an unsubscribe that
  // arrives while its subscribe awaits the site's config would otherwise be overtaken, and pushed
  // for good. (One chain for the object: the runtime may hand the same socket over as different
  // objects, and changes are few and quick.)
  #changes: Promise<unknown> = Promise.resolve();
  // The push to every subscription being computed, and whether another event asked for one since.
  #pushing: Promise<unknown> | undefined;
  #again = false;
  // The session's first-stage candidates, reused until its next event (session-candidates.ts).
  readonly #candidates = new SessionCandidates();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly context: () => SessionContext,
  ) {}

  /** Answer one request from the session's current state (or from `session`, read for a push). */
  async recommend(req: SessionRecommendRequest, session?: SessionView): Promise<SessionRecommendResult> {
    const sw = new Stopwatch();
    // No wait for this session's own signal update: the replica would not see it before its next
    // refresh anyway, and the session's clicks reach the re-rank directly from its state.
    session ??= sessionView(this.context());
    sw.lap('session');
    const view = { ...session, candidates: this.#candidates };
    const outcome = await recommend(this.env, { ...req, recId: newRecId(req.placement.name) }, view, sw);
    return { outcome, timings: sw.toJSON() };
  }

  /**
   * Accept a push socket (parameters validated by the route); a socket whose URL named a placement
   * is pushed its first answer; the session's other subscriptions have nothing new to be pushed.
   */
  subscribe(request: Request): Response {
    const sub = JSON.parse(request.headers.get(SUBSCRIPTION_HEADER) ?? 'null') as Subscription | null;
    if (!sub || request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a WebSocket upgrade from the recommendations route', { status: 426 });
    }
    const params = sub.placement === undefined ? undefined : (sub as RecommendationParams);
    const { response, targets } = subscribe(this.ctx, sub.key, sub.session, params);
    if (targets.length > 0) void this.push(targets);
    return response;
  }

  /** Forget the session's reused candidates (its data is being erased). */
  forget(): void {
    this.#candidates.clear();
  }

  /** Run `change` of the subscriptions after the ones that arrived before it. */
  inOrder<T>(change: () => T | Promise<T>): Promise<T> {
    const next = this.#changes.catch(() => {}).then(change);
    this.#changes = next;
    return next;
  }

  /**
   * Subscription `id` of socket `ws` to the request in `query`, checked as the route checks a
   * request (and counted against the same per-session limit); pushed its first answer at once.
   * Answers why it was refused, if it was. (Called through `inOrder`.)
   */
  async subscribeMessage(
    ws: WebSocket,
    id: string,
    query: Record<string, string>,
  ): Promise<Refusal | undefined> {
    const { key, session } = socketOf(ws);
    const config = await sitesFor(this.env, key);
    // `k` is how many candidates the page would like: a subscription gets at most what the
    // placement gives (as its pushes do), not a refusal the page would have to retry.
    const maxK = placementFor(config, key, query.placement ?? '', session)?.maxK;
    const asked: Record<string, string> = { ...query, key, session };
    if (maxK !== undefined && Number(query.k) > maxK) asked.k = String(maxK);
    let params: RecommendationParams;
    try {
      params = resolveRequest(asked, config).params;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return { type: 'error', code: err.code, message: err.message, path: `query.${err.path}`, id };
    }
    const limited = await checkLimit(this.env, key, 'recommendationsPerSession', session);
    if (limited)
      return {
        type: 'error',
        code: 'rate_limited',
        message: `too many requests (${limited.limit})`,
        path: '',
        id,
      };
    const target = addSubscription(ws, id, params);
    if ('type' in target) return target;
    void this.push([target]);
    return undefined;
  }

  /**
   * After an ingest stored `accepted` events of site `site`: send the update to the session's signal
   * shard at once (every isolate's replica sees it within its refresh interval), warm this
   * isolate's replica of the site, and push fresh answers to this session's subscribers at once.
   * Nothing here holds up the ingest answer, and the push does not wait for the signal update: the
   * replica the answer reads would not see it before its next refresh anyway (as for `recommend`),
   * while the session's own events reach the re-rank directly from its state.
   */
  afterIngest(
    site: string | undefined,
    sessionId: string,
    accepted: readonly TrackedEvent[],
    at: number,
  ): void {
    if (accepted.length === 0) return;
    this.#candidates.clear(); // keyed by the clicks anyway: this only frees what cannot be hit again
    warmServing(this.env);
    // Keeps this isolate's runtime config of the site current (`sitesNow()` attributes the next batch).
    if (site !== undefined) void sitesFor(this.env, site);
    const batch = site === undefined ? undefined : signalBatch(site, sessionId, accepted, at);
    if (site !== undefined && batch) {
      // The events are stored; a lost signal update only makes trending slightly stale.
      void Promise.resolve(recordSignals(this.env, site, batch)).catch((err) =>
        log('error', 'signals update failed', { site, ...errorFields(err) }),
      );
    }
    // Like the tower, a cold replica loads on the session's first event, before its first request.
    // Its catalogue rows too (up to PRELOAD_ROWS): the push computed next reads no rows from D1.
    if (site !== undefined) void preloadRows(this.env.CATALOG, site);
    if (site !== undefined)
      void siteSignals(this.env, site)
        .trending(1, undefined)
        .catch(() => {});
    if (this.ctx.getWebSockets().length > 0 && worthPushing(accepted)) this.pushSoon();
  }

  /**
   * Push to every subscription now, or, while a push is being computed, once more right after it:
   * events that arrive together (a click and the page view it leads to) do not compute the same
   * widgets side by side, each slowing the other; the last push still reads every event.
   */
  pushSoon(): void {
    if (this.#pushing) {
      this.#again = true;
      return;
    }
    this.#pushing = this.push().finally(() => {
      this.#pushing = undefined;
      if (this.#again) {
        this.#again = false;
        this.pushSoon();
      }
    });
  }

  /**
   * Recompute and send recommendations to every subscription of this session (or to `targets`):
   * the session's state is read once for all of them, and the tower runs once.
   */
  async push(targets: readonly PushTarget[] = allTargets(this.ctx)): Promise<number> {
    let session: SessionView;
    try {
      session = { ...sessionView(this.context()), tower: sharedTower() };
    } catch (err) {
      log('error', 'push failed', errorFields(err)); // never thrown into the event path
      return 0;
    }
    return pushAll(
      this.ctx,
      async (params): Promise<RecommendationResponse | undefined> => {
        const placement = placementFor(
          await sitesFor(this.env, params.key),
          params.key,
          params.placement,
          params.session,
        );
        if (!placement) return undefined;
        const k = Math.min(params.k ?? placement.k, placement.maxK);
        const { outcome } = await this.recommend({ site: params.key, params, placement, k }, session);
        return outcome.ok ? outcome.response : undefined;
      },
      targets,
    );
  }
}
