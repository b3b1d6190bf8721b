/**
 * The recommendation API the SDK exposes on `window.rec` (`rec.recommend`, `rec.subscribe`) and
 * `<rec-widget>` consumes. Types only: the wire shape lives in the edge contract.
 */
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { idbStore } from '../idb-store.ts';
import type { Rec } from '../types.ts';

/** What a page asks for: a placement, how many items, optionally "similar to `item`" and filters. */
export interface RecommendRequest {
  placement: string;
  /** Items to show (1-50); the SDK fetches more candidates to re-rank on the device. */
  k?: number;
  /** Item id for "similar to this product". */
  item?: string;
  filters?: { category?: string; exclude?: string[] };
}

/** Where an answer came from: the device cache, the edge, a WebSocket push, or an on-device re-rank. */
export type RecommendationSource = 'cache' | 'network' | 'push' | 'rerank' | 'memory';

/** One `Server-Timing` entry of the answer that produced these recommendations. */
export interface ServerTimingEntry {
  name: string;
  dur: number;
  desc?: string;
}

/** An answer as the page sees it: the edge response (trimmed to k) plus where it came from. */
export interface Recommendations extends RecommendationResponse {
  source: RecommendationSource;
  /** When the edge produced the answer (ms since the epoch, client clock). */
  fetchedAt: number;
  /** Server-Timing of the network answer; absent for cache hits. */
  timings?: ServerTimingEntry[];
  /** Client-measured round trip of the network answer, ms. */
  latencyMs?: number;
}

/** Called with each new answer for a subscribed request. */
export type RecommendationsCallback = (recs: Recommendations) => void;

/**
 * What the recommender needs from the SDK core (`window.rec` once rec.js has loaded), including the
 * core's IndexedDB helper (`__idb`), so the extension does not ship a second copy.
 */
export type RecHost = Pick<Rec, 'context' | 'on' | 'flush' | 'extend'> & {
  subscribe?: unknown;
  __idb?: typeof idbStore;
};

/** The part of `window.rec` that recommendations and the widget use. */
export interface RecApi {
  track(type: string, props?: Record<string, unknown>): void;
  /** Run `callback` once the SDK has loaded (the stub queues it until then). */
  ready?(callback: (rec: RecApi) => void): void;
  recommend?(request: RecommendRequest): Promise<Recommendations>;
  subscribe?(request: RecommendRequest, callback: RecommendationsCallback): () => void;
}
