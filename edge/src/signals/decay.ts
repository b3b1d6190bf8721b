/**
 * Exponentially time-decayed counts stored as one time-invariant number per item:
 * key = log2(count at time t) + t / halfLife. The decayed count at any later time `now` is
 * 2^(key - now / halfLife), so ordering items by key orders them by decayed count at every instant,
 * and an event only ever raises its item's key. That makes "trending right now" an exact, cheap top-N.
 */

/** Decayed-count parameters. */
export interface Decay {
  /** Time for a count to halve, in ms. */
  halfLifeMs: number;
}

/** The key of an item that has never been seen. */
export const EMPTY_KEY = Number.NEGATIVE_INFINITY;

/** New key after adding `weight` at time `now` to an item whose key was `key`. */
export function addWeight(key: number, weight: number, now: number, d: Decay): number {
  const t = now / d.halfLifeMs;
  const current = key === EMPTY_KEY ? 0 : 2 ** (key - t);
  return Math.log2(current + weight) + t;
}

/** Decayed count of a key at time `now`. */
export function countAt(key: number, now: number, d: Decay): number {
  return key === EMPTY_KEY ? 0 : 2 ** (key - now / d.halfLifeMs);
}
