/**
 * `rec.recommend` / `rec.subscribe` arguments: validated (the same id rules as the edge), turned
 * into a cache key and the `GET /v1/recommendations` URL.
 */
import type { RecommendRequest } from './types.ts';

/** A validated request. */
export interface NormalRequest {
  placement: string;
  k: number;
  item?: string;
  category?: string;
  exclude?: string[];
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ITEM = /^[\x21-\x7e]{1,128}$/;

/** Validate a request; a string is the message naming what is wrong. */
export function normalizeRequest(input: RecommendRequest): NormalRequest | string {
  const { placement, k = 8, item, filters = {} } = (input || {}) as RecommendRequest;
  const { category, exclude } = filters;
  const id = (v: unknown) => typeof v === 'string' && ITEM.test(v);
  // Short messages on purpose (they ship in the widget's 5 KB): each names the argument at fault.
  if (typeof placement !== 'string' || !NAME.test(placement)) return 'bad placement';
  if (!Number.isInteger(k) || k < 1 || k > 50) return 'k must be 1-50';
  if (item !== undefined && !id(item)) return 'bad item id';
  if (
    category !== undefined &&
    !(typeof category === 'string' && category.length > 0 && category.length < 65)
  )
    return 'bad filters.category';
  if (exclude !== undefined && !(Array.isArray(exclude) && exclude.length < 51 && exclude.every(id)))
    return 'bad filters.exclude';
  return { placement, k, item, category, exclude: exclude?.length ? exclude : undefined };
}

/** Cache key of a request in a session (k is not part of it: the cache holds all candidates). */
export function cacheKey(sessionId: string, r: NormalRequest): string {
  return [sessionId, r.placement, r.item, r.category, r.exclude].join('|');
}

/** The edge URL answering a request with `candidates` items (`ws`: its WebSocket subscription). */
export function requestUrl(
  endpoint: string,
  key: string,
  sessionId: string,
  r: NormalRequest,
  candidates: number,
  ws?: boolean,
): string {
  const q = new URLSearchParams({ key, session: sessionId, placement: r.placement, k: String(candidates) });
  if (r.item) q.set('item', r.item);
  if (r.category) q.set('category', r.category);
  if (r.exclude) q.set('exclude', r.exclude.join(','));
  return ws
    ? `${endpoint.replace(/^http/, 'ws')}/v1/recommendations/ws?${q}`
    : `${endpoint}/v1/recommendations?${q}`;
}
