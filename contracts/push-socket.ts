/**
 * What the page sends up the push socket (`GET /v1/recommendations/ws?key=&session=`, one per page)
 * and what the edge answers. The socket's pushes down are `RecommendationPush` (`recommendations.ts`).
 * Dependency-free: the SDK bundles it (types only).
 */

/** An event as `POST /v1/events` takes it (validated by `schema/events.ts` on arrival). */
export interface WireEvent {
  id: string;
  type: string;
  ts: number;
  itemId?: string;
  props?: Record<string, unknown>;
}

/** A batch as `POST /v1/events` takes it. */
export interface WireBatch {
  sessionId: string;
  userId?: string;
  consent: { analytics: boolean; personalization: boolean };
  events: WireEvent[];
}

/**
 * Page → edge: events sent at once over the open socket, so the session's fresh answer does not
 * wait for the next batch. The same events still arrive in a batch later; the session dedups by id.
 * `batch.sessionId` must be the socket's session. At most `MAX_BODY_BYTES` serialised.
 */
export interface SocketEvents {
  type: 'events';
  batch: WireBatch;
}

/**
 * Page → edge: carry one more request's answers on this socket. `query` is the query string of
 * `GET /v1/recommendations` without `key` and `session` (the socket's), e.g. `placement=home&k=24`;
 * `id` names the subscription in its pushes (the SDK uses its cache key; at most
 * `MAX_SUBSCRIPTION_ID` characters). The edge pushes it one first answer, then a fresh one each
 * time the session changes. Subscribing an `id` again replaces its request.
 */
export interface SocketSubscribe {
  type: 'subscribe';
  id: string;
  query: string;
}

/** Page → edge: no more pushes for subscription `id` (a widget left the page). */
export interface SocketUnsubscribe {
  type: 'unsubscribe';
  id: string;
}

/** Everything the page may send up the socket. */
export type SocketMessage = SocketEvents | SocketSubscribe | SocketUnsubscribe;

/** Longest subscription id the edge takes. */
export const MAX_SUBSCRIPTION_ID = 512;
/** Most subscriptions one socket carries (a storefront page has fewer than ten widgets). */
export const MAX_SUBSCRIPTIONS = 16;

/**
 * Edge → page: the answer to one `SocketEvents`, as `POST /v1/events` would give it; a refused
 * `SocketSubscribe` is answered with an error naming its `id` (an accepted one with its first push).
 */
export type SocketEventsAnswer =
  | { type: 'accepted'; accepted: number; duplicates: number }
  | { type: 'error'; code: string; message: string; path: string; id?: string };
