/**
 * `rec.recommend` and `rec.subscribe`: answers from the cache at once, re-ranked on the device the
 * moment the visitor acts, then refreshed from the edge. Subscribers hear every new answer.
 */
import { unpackVectors } from '../../../contracts/packed-vectors.ts';
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { RecEvents } from '../types.ts';
import { type CachedAnswer, createCache } from './cache.ts';
import { createFetcher } from './fetch-answer.ts';
import { keepPins } from './pins.ts';
import { createPush } from './push.ts';
import { cacheKey, type NormalRequest, normalizeRequest, requestQuery, socketUrl } from './request.ts';
import { rerank } from './rerank.ts';
import { socketEvents } from './socket-events.ts';
import { type TimedTouch, touchesOf, updateExclusions } from './touches.ts';
import type {
  RecHost,
  RecommendationSource,
  Recommendations,
  RecommendationsCallback,
  RecommendRequest,
} from './types.ts';

/** Touches the re-rank looks at. */
const RECENT = 12;
/** A memory hit younger than this is not refetched when a new widget subscribes. */
const REUSE_MS = 2000;

interface Sub {
  r: NormalRequest;
  cb: RecommendationsCallback;
  _key: string;
  /** A network or re-ranked answer was delivered: a late cache read must not overwrite it. */
  _live?: boolean;
}

/** Create the recommendation API over the SDK `rec`. */
export function createRecommender(rec: RecHost) {
  const ctx = () => rec.context();
  const cache = createCache(() => ctx().consent.storage, rec.__idb);
  const subs = new Set<Sub>();
  const vectors = new WeakMap<RecommendationResponse, Float32Array[]>();
  const known = new Map<string, Float32Array>(); // vectors of items seen in any answer
  const excluded = new Set<string>();
  let touches: TimedTouch[] = [];
  let actedAt: number | undefined; // when the visitor last acted (to time the pushed answer)
  let sentAt = 0; // when an event last went up the push socket (Date.now(): the edge pushes after it)
  const rowsOf = (a: RecommendationResponse) => {
    let rows = vectors.get(a);
    if (!rows && a.vectors) {
      try {
        rows = unpackVectors(a.vectors);
      } catch {
        rows = [];
      }
      vectors.set(a, rows);
      rows.forEach((v, i) => {
        if (known.size < 5000) known.set(a.items[i].id, v);
      });
    }
    return rows;
  };

  /**
   * What a subscriber sees: the answer re-ranked with the session's recent touches (the edge
   * may not use all of them, e.g. a browsed department), minus the excluded items, top k. Only
   * the placement's own candidates are re-ordered (another placement's answer would bring items
   * its rules keep out), and pinned items stay where the edge put them.
   */
  function view(e: CachedAnswer, r: NormalRequest, source: RecommendationSource): Recommendations {
    const {
      answer: { vectors: _, ...answer },
      ...meta // fetchedAt, timings, latencyMs
    } = e;
    let items = answer.items;
    if (touches.length) items = rerank(items, rowsOf(e.answer), touches, (id) => known.get(id));
    items = keepPins(
      items.filter((i) => !excluded.has(i.id)),
      answer.items,
    ).slice(0, r.k);
    return { ...answer, items, source, ...meta };
  }

  const deliver = (key: string, e: CachedAnswer, source: RecommendationSource) => {
    for (const s of subs) {
      if (s._key !== key) continue;
      if (source !== 'cache') s._live = true;
      s.cb(view(e, s.r, source));
    }
  };

  const remember = (key: string, e: CachedAnswer) => {
    rowsOf(e.answer);
    cache._put(key, e);
  };
  const fetcher = createFetcher(ctx, remember);
  const push = createPush((key, answer) => {
    if (!answer) {
      for (const s of subs) if (s._key === key) void refresh(s);
      return;
    }
    const e: CachedAnswer = {
      answer,
      fetchedAt: Date.now(),
      latencyMs: actedAt === undefined ? undefined : performance.now() - actedAt,
    };
    remember(key, e);
    deliver(key, e, 'push');
  });

  /** Fetch for one subscriber and deliver to every subscriber of its key; `failed` hears a miss. */
  const refresh = (s: Sub, failed?: (e: Error) => void) =>
    fetcher._fetch(s.r).then((e) => {
      if (e) {
        deliver(s._key, e, 'network');
        if (!subs.has(s)) s.cb(view(e, s.r, 'network'));
      } else failed?.(new Error('recommend: no answer from the edge'));
    });

  /**
   * Subscribe to pushes for `s` when the visitor allows personalization (else nothing changes),
   * unless its widget left while its first answer was on the way (it would be pushed for good).
   * True when it subscribed on the open socket just now: the edge's first push for `s` is on its way.
   */
  const listen = (s: Sub) => {
    const c = ctx();
    const n = fetcher._candidates(s.r.placement);
    return c.consent.personalization && subs.has(s) && push.open(s._key, socketUrl(c), requestQuery(s.r, n));
  };

  /** Bring every subscription up to date: keys follow the session; open pushes make requests moot. */
  function refreshAll(): void {
    const seen = new Set<string>();
    for (const s of subs) {
      s._key = cacheKey(ctx().sessionId, s.r);
      if (seen.has(s._key) || push.live(s._key)) continue;
      seen.add(s._key);
      void refresh(s).then(() => listen(s));
    }
  }

  rec.on('track', (e: RecEvents['track']) => {
    const t = touchesOf(e);
    if (!updateExclusions(excluded, e) && !t.length) return;
    touches = touches.concat(t).slice(-RECENT);
    actedAt = performance.now();
    // The edge reads item interactions, not department browses (those only re-rank here). With a
    // push socket open the event goes up it at once, before the re-render below takes its share of
    // this task, and the batch stays as it is; else the queue sends now and the answers are asked
    // for (several events in one task share the request: flush and fetch both join the one in flight).
    if (e.type !== 'list_view') {
      if (push.send(socketEvents(e, ctx().consent))) sentAt = Date.now();
      else void rec.flush().then(refreshAll);
    }
    // On-device meanwhile: every subscriber re-ranks its cached candidates now, no round trip.
    for (const s of subs) {
      const hit = cache._peek(s._key);
      if (hit) {
        s._live = true;
        s.cb(view(hit, s.r, 'rerank'));
      }
    }
  });
  rec.on('consent', (c) => {
    // Answers may be personalised: a revocation forgets them and what the visitor did.
    if (!c.storage || !c.personalization) cache._purge();
    if (!c.personalization) {
      touches = [];
      excluded.clear();
      push.close();
    }
    refreshAll();
  });
  rec.on('session', () => {
    push.close();
    refreshAll();
  });

  return {
    /** Subscribe a callback to a request: cached answer first (if any), then every fresh one. */
    subscribe(input: RecommendRequest, cb: RecommendationsCallback): () => void {
      const r = normalizeRequest(input);
      if (typeof r === 'string' || typeof cb !== 'function') {
        console.warn('[rec] subscribe:', typeof r === 'string' ? r : 'callback must be a function');
        return () => {};
      }
      const s: Sub = { r, cb, _key: cacheKey(ctx().sessionId, r) };
      subs.add(s);
      const hit = cache._peek(s._key);
      if (hit) cb(view(hit, r, 'memory'));
      else
        void cache._load(s._key).then((e) => {
          if (e && subs.has(s) && !s._live) cb(view(e, r, 'cache'));
        });
      // With the page's socket open, the edge's first push is the fresh answer: asking for it as
      // well would compute it twice, beside the visitor's next push. So is the push of an event
      // sent up the socket after the answer held for a request the socket already carries (`listen`
      // false on an open socket: the last page's widget of it, e.g. after a product click), however
      // old that answer. (Else the request goes first and the socket after it, so no late answer
      // can replace a push.)
      if (
        !(push.ready() && (listen(s) || (hit && sentAt > hit.fetchedAt))) &&
        (!hit || Date.now() - hit.fetchedAt > REUSE_MS)
      )
        void refresh(s).then(() => listen(s));
      else listen(s);
      return () => {
        subs.delete(s);
        // A microtask later: the next page's widget for the same request (rendered in the same
        // DOM change: connected before any microtask runs) keeps the subscription, and no new
        // first push is computed for it; a widget that left is unsubscribed before the edge
        // computes the rest of the push its page's click caused (a task later was too late).
        queueMicrotask(() => [...subs].some((o) => o._key === s._key) || push.close(s._key));
      };
    },

    /** One answer: the cached one when fresh (refreshed in the background), else the edge's. */
    recommend(input: RecommendRequest): Promise<Recommendations> {
      return new Promise((resolve, reject) => {
        const r = normalizeRequest(input);
        if (typeof r === 'string') return reject(new TypeError(`recommend: ${r}`));
        const s: Sub = { r, _key: cacheKey(ctx().sessionId, r), cb: resolve };
        void cache._load(s._key).then((e) => {
          if (!e) return refresh(s, reject);
          resolve(view(e, r, 'cache'));
          void fetcher._fetch(r); // keep the cache fresh for the next call
        });
      });
    },
  };
}
