/**
 * What the page sends up the push socket (`GET /v1/recommendations/ws`) and what the edge answers.
 * The socket's pushes down are `RecommendationPush` (`recommendations.ts`). Dependency-free: the
 * SDK bundles it (types only).
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

/** Edge → page: the answer to one `SocketEvents`, as `POST /v1/events` would give it. */
export type SocketEventsAnswer =
  | { type: 'accepted'; accepted: number; duplicates: number }
  | { type: 'error'; code: string; message: string; path: string };
