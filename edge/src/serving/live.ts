/**
 * The serving side of a session Durable Object: answers recommendation requests from the session's
 * state, sends every accepted batch to the session's shard of the site's online signals, and
 * pushes fresh recommendations to the session's WebSocket subscribers when the session changes.
 * `SessionDO` delegates to it so that storage and serving stay in separate files.
 */

import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { TrackedEvent } from '../../../contracts/schema/events.ts';
import { sitesFor, sitesNow } from '../config/runtime-config.ts';
import { experimentsFor, placementFor } from '../config/sites.ts';
import { variantsFor } from '../experiments/assign.ts';
import { errorFields, log } from '../log.ts';
import { warmModel } from '../model-registry/active-model.ts';
import { pushAll, subscribe } from '../push/subscriptions.ts';
import { worthPushing } from '../push/worth-pushing.ts';
import type { SessionContext } from '../session/types.ts';
import { recordSignals, siteSignals } from '../signals/site-signals.ts';
import { vectorIndex } from '../vectorize/binding.ts';
import type { RecommendationParams } from './params.ts';
import { newRecId } from './rec-id.ts';
import { type RecommendOutcome, type RecommendRequest, recommend, type SessionView } from './recommend.ts';
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

/** The session's experiment arms on site `site` (none when the site is unknown to the caller). */
export function sessionVariants(site: string | undefined, sessionId: string): Record<string, string> {
  return site === undefined ? {} : variantsFor(experimentsFor(sitesNow(), site), sessionId);
}

/** The recommender's view of a session context. */
export function sessionView(ctx: SessionContext): SessionView {
  return { recent: ctx.recent, carted: ctx.aggregates.carted, purchased: ctx.aggregates.purchased };
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
  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly context: () => SessionContext,
  ) {}

  /** Answer one request from the session's current state. */
  async recommend(req: SessionRecommendRequest): Promise<SessionRecommendResult> {
    const sw = new Stopwatch();
    // No wait for this session's own signal update: the replica would not see it before its next
    // refresh anyway, and the session's clicks reach the re-rank directly from its state.
    const session = sessionView(this.context());
    sw.lap('session');
    const outcome = await recommend(this.env, { ...req, recId: newRecId(req.placement.name) }, session, sw);
    return { outcome, timings: sw.toJSON() };
  }

  /**
   * Accept a WebSocket subscription (parameters validated by the route) and push it a first answer;
   * the session's other subscriptions have nothing new to be pushed.
   */
  subscribe(request: Request): Response {
    const params = JSON.parse(
      request.headers.get(SUBSCRIPTION_HEADER) ?? 'null',
    ) as RecommendationParams | null;
    if (!params || request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a WebSocket upgrade from the recommendations route', { status: 426 });
    }
    const { response, socket } = subscribe(this.ctx, params);
    void this.push([socket]);
    return response;
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
    if (site !== undefined)
      void siteSignals(this.env, site)
        .trending(1, undefined)
        .catch(() => {});
    if (this.ctx.getWebSockets().length > 0 && worthPushing(accepted)) void this.push();
  }

  /** Recompute and send recommendations to every subscription of this session (or to `sockets`). */
  push(sockets?: readonly WebSocket[]): Promise<number> {
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
        const { outcome } = await this.recommend({ site: params.key, params, placement, k });
        return outcome.ok ? outcome.response : undefined;
      },
      sockets,
    );
  }
}
