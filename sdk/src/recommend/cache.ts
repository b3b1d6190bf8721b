/**
 * Recommendation answers cached per session + placement request, with a TTL: in memory always,
 * and in IndexedDB (database `rec-recs` through `idb-store.ts`, one record of the fresh answers) only
 * while the visitor allows storage. Any IndexedDB failure is a cache miss, never an error.
 */
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import type { idbStore } from '../idb-store.ts';
import type { ServerTimingEntry } from './types.ts';

/** Answers older than this are neither shown nor kept (documented default: 10 minutes). */
export const CACHE_TTL_MS = 10 * 60 * 1000;
/** Name of the IndexedDB database (deleted when storage consent goes). */
export const CACHE_DB = 'rec-recs';

/** One cached answer with what the page shows about it. */
export interface CachedAnswer {
  answer: RecommendationResponse;
  fetchedAt: number;
  timings?: ServerTimingEntry[];
  latencyMs?: number;
}

const fresh = (e?: CachedAnswer) => (e && Math.abs(Date.now() - e.fetchedAt) < CACHE_TTL_MS ? e : undefined);

/**
 * A cache that persists only while `mayStore()` is true, through `idb` (the core's IndexedDB helper,
 * `rec.__idb`: shared, not bundled twice); without it, memory only.
 */
export function createCache(mayStore: () => boolean, idb?: typeof idbStore) {
  let memory = new Map<string, CachedAnswer>();
  let restored: Promise<unknown> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const db = idb?.(CACHE_DB, 'answers');
  const peek = (key: string) => fresh(memory.get(key));
  // Size trick: idb-keyval's `get` / `set` would also bring its default `keyval-store` (their
  // default parameter), ~50 B gzip this bundle cannot spare; below are the same requests on our own
  // store, settled by the core's `done` (what `run` hands over), not a second copy of it.

  return {
    /** A fresh answer from memory, synchronously. */
    _peek: peek,
    /** A fresh answer from memory, else from IndexedDB (read once per page, with storage consent). */
    async _load(key: string): Promise<CachedAnswer | undefined> {
      if (!peek(key) && mayStore()) {
        restored ||= db?.run((s, settled) =>
          s('readonly', (o) => settled<[string, CachedAnswer][]>(o.get('answers'))).then((stored) => {
            for (const [k, e] of stored || []) if (!memory.has(k) && fresh(e)) memory.set(k, e);
          }),
        );
        await restored;
      }
      return peek(key);
    },
    /**
     * Remember an answer; keep only fresh ones, in memory and (a moment later, once for a burst,
     * when allowed) on the device.
     */
    _put(key: string, entry: CachedAnswer): void {
      memory.set(key, entry);
      memory = new Map([...memory].filter(([, e]) => fresh(e)));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const value = [...memory];
        if (mayStore())
          db?.run((s, settled) =>
            s('readwrite', (o) => {
              o.put(value, 'answers');
              return settled(o.transaction);
            }),
          );
      }, 300);
    },
    /** Forget everything: memory, and the database (in every tab: their connections close themselves). */
    _purge(): void {
      memory.clear();
      clearTimeout(timer);
      restored = undefined;
      db?.purge();
    },
  };
}

/** The cache object. */
export type AnswerCache = ReturnType<typeof createCache>;
