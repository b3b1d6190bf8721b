/**
 * `GET /v1/recommendations` for a request: one request per cache key at a time, asking for as many
 * candidates as the placement allows (24, else 12, else k: a placement's maxK answers 400 above it).
 */

import { parseAnswer, parseServerTiming } from './answer.ts';
import type { CachedAnswer } from './cache.ts';
import { cacheKey, type NormalRequest, requestUrl } from './request.ts';
import type { RecHost } from './types.ts';

/** Candidates asked from the edge, largest first. */
const CANDIDATES = [24, 12];

/** A fetcher; `fetched(key, entry)` hears every answer before the caller does. */
export function createFetcher(ctx: RecHost['context'], fetched: (key: string, e: CachedAnswer) => void) {
  const inflight = new Map<string, Promise<CachedAnswer | undefined>>();
  const accepted = new Map<string, number>(); // placement -> candidates the edge accepted
  const candidates = (placement: string) => accepted.get(placement) ?? CANDIDATES[0];

  return {
    _candidates: candidates,
    /** A fresh answer, or undefined when the edge gave none (network error, 4xx/5xx, bad body). */
    _fetch(r: NormalRequest): Promise<CachedAnswer | undefined> {
      const c = ctx();
      const key = cacheKey(c.sessionId, r);
      let p = inflight.get(key);
      if (p) return p;
      p = (async () => {
        const t0 = performance.now();
        for (const n of new Set([candidates(r.placement), ...CANDIDATES, r.k])) {
          const res = await fetch(requestUrl(c, r, n), { credentials: 'omit' });
          if (res.status === 400 && n > r.k) continue;
          const answer = res.ok ? parseAnswer(await res.json()) : undefined;
          if (!answer) return undefined;
          accepted.set(r.placement, n);
          const e: CachedAnswer = {
            answer,
            fetchedAt: Date.now(),
            timings: parseServerTiming(res.headers.get('server-timing')),
            latencyMs: performance.now() - t0,
          };
          fetched(key, e);
          return e;
        }
      })()
        .catch(() => undefined)
        .finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
  };
}
