/**
 * `rec.recommend` / `rec.subscribe` arguments: validated (the same id rules as the edge), turned
 * into a cache key, the `GET /v1/recommendations` URL and the push socket's subscription query.
 */
import { isItemId } from '../../../contracts/limits.ts';
import {
  MAX_CATEGORY_LENGTH,
  MAX_EXCLUDE,
  MAX_K,
  NAME_PATTERN,
} from '../../../contracts/recommend-request.ts';
import type { RecContext } from '../types.ts';
import type { RecommendRequest } from './types.ts';

/** A validated request. */
export interface NormalRequest {
  placement: string;
  k: number;
  item?: string;
  category?: string;
  exclude?: string[];
}

/** Validate a request; a string is the message naming what is wrong. */
export function normalizeRequest(input: RecommendRequest): NormalRequest | string {
  const { placement, k = 8, item, filters = {} } = (input || {}) as RecommendRequest;
  const { category, exclude } = filters;
  // Short messages on purpose (they ship in the widget's 5 KB): each names the argument at fault.
  if (typeof placement !== 'string' || !NAME_PATTERN.test(placement)) return 'bad placement';
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) return `k must be 1-${MAX_K}`;
  if (item !== undefined && !isItemId(item)) return 'bad item id';
  if (
    category !== undefined &&
    !(typeof category === 'string' && category.length > 0 && category.length <= MAX_CATEGORY_LENGTH)
  )
    return 'bad filters.category';
  if (
    exclude !== undefined &&
    !(Array.isArray(exclude) && exclude.length <= MAX_EXCLUDE && exclude.every(isItemId))
  )
    return 'bad filters.exclude';
  return { placement, k, item, category, exclude: exclude?.length ? exclude : undefined };
}

/** Cache key of a request in a session (k is not part of it: the cache holds all candidates). */
export function cacheKey(sessionId: string, r: NormalRequest): string {
  return [sessionId, r.placement, r.item, r.category, r.exclude].join('|');
}

/** The query of a request for `candidates` items, as the edge reads it (without key and session). */
export function requestQuery(r: NormalRequest, candidates: number): string {
  const q = new URLSearchParams({ placement: r.placement, k: String(candidates) });
  // `exclude` as its comma-separated ids (what String() of an array gives).
  for (const name of ['item', 'category', 'exclude'] as const) if (r[name]) q.set(name, String(r[name]));
  return String(q);
}

/** Where the session's answers come from. */
type Edge = Pick<RecContext, 'endpoint' | 'key' | 'sessionId'>;

/** `${endpoint}/v1/recommendations${path}?key=…&session=…` */
const edgeUrl = (endpoint: string, path: string, { key, sessionId }: Edge) =>
  `${endpoint}/v1/recommendations${path}?${new URLSearchParams({ key, session: sessionId })}`;

/** The edge URL answering a request with `candidates` items. */
export const requestUrl = (c: Edge, r: NormalRequest, candidates: number): string =>
  `${edgeUrl(c.endpoint, '', c)}&${requestQuery(r, candidates)}`;

/** The page's push socket (ws:// or wss://) for the session; it carries every subscription. */
export const socketUrl = (c: Edge): string => edgeUrl(c.endpoint.replace(/^http/, 'ws'), '/ws', c);
