/**
 * The public, typed surface of `window.rec`. Everything here is documented in sdk/README.md;
 * the stub snippet and the core implement exactly these methods.
 */
import type { EventType } from '../../contracts/event-types.ts';

/** Event properties: a plain, JSON-serialisable object of at most 4 KB once serialised. */
export type Props = Record<string, unknown>;

/** What the visitor agreed to. `storage` = may the SDK keep data on the device (IndexedDB). */
export interface ConsentState {
  analytics: boolean;
  personalization: boolean;
  storage: boolean;
}

/** A consent update; omitted purposes keep their value, omitted `storage` follows the purposes. */
export type ConsentInput = Partial<ConsentState>;

/** Consent modes set with `data-consent`: opt-in (default) sends nothing until granted. */
export type ConsentMode = 'opt-in' | 'opt-out';

/** An event as queued and sent (the `events[]` element of `POST /v1/events`). */
export interface QueuedEvent {
  id: string;
  type: EventType;
  ts: number;
  itemId?: string;
  props?: Props;
}

/** Delivery counters since the page loaded (plus stored drops carried over from earlier pages). */
export interface RecStats {
  /** Events waiting to be sent, including those held until consent is decided. */
  queued: number;
  /** Events the edge acknowledged (2xx) or the browser accepted as a beacon. */
  sent: number;
  /** Events dropped: queue bound exceeded (oldest first) or retries exhausted. */
  dropped: number;
  /** Events the edge refused with a non-retryable 4xx. */
  rejected: number;
  /** Events set aside: answered 5xx again and again, alone, while the edge took the events behind them. */
  setAside: number;
}

/** What an extension (recommendations, `<rec-widget>`) needs to talk to the edge itself. */
export interface RecContext {
  endpoint: string;
  key: string;
  sessionId: string;
  userId?: string;
  consent: ConsentState;
}

/** Notifications for `rec.on`. */
export interface RecEvents {
  /** Consent changed (any source: API, TCF, Consent Mode, GPC/DNT defaults). */
  consent: ConsentState;
  /** An event passed the consent gate and was queued (with the session and user it is sent for). */
  track: QueuedEvent & { sessionId: string; userId?: string };
  /** The session id changed (rotation after inactivity, identity change, revocation, restore). */
  session: string;
}

/** The SDK as `window.rec`. No method ever throws; bad arguments are reported with console.warn. */
export interface Rec {
  /** Record an event: Segment ecommerce v2, GA4 or internal name (see event-types.ts). */
  track(type: string, props?: Props): void;
  /** Record a page view of the current path and title (extra props are merged). */
  page(props?: Props): void;
  /** Link this session to a known user from now on; `null` logs out (and starts a new session). */
  identify(userId: string | null): void;
  /** Read consent (no argument) or update it; returns the state after the update. */
  consent(update?: ConsentInput): ConsentState;
  /** Send everything queued now; resolves when the attempt is over (never rejects). */
  flush(): Promise<void>;
  /** Subscribe to a notification; returns the unsubscribe function. */
  on<K extends keyof RecEvents>(name: K, listener: (data: RecEvents[K]) => void): () => void;
  /** Run `callback(rec)` once the SDK has loaded (immediately when it already has). */
  ready(callback: (rec: Rec) => void): void;
  /** Endpoint, key, current session, user and consent, for extensions. */
  context(): RecContext;
  /** Delivery counters. */
  stats(): RecStats;
  /**
   * Add a method to `window.rec` (the seam for `rec.recommend`): calls of that name queued by the
   * stub before the extension loaded are replayed to it, in order.
   */
  extend(name: string, method: (...args: never[]) => unknown): void;
}
