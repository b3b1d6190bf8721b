/** Seeded pseudo-random numbers (mulberry32): the same seed gives the same stream everywhere. */

/** A seeded generator of uniform floats in [0, 1). */
export type Random = () => number;

/** A generator whose position in its stream can be saved and resumed (a training paused between steps). */
export interface SeededRandom extends Random {
  /** The generator's state: `createRandom(state)` continues the stream from here. */
  state(): number;
}

/** Create a generator from a 32-bit seed (or a saved `state()`). */
export function createRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(next, { state: () => a });
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rand: Random): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Index drawn in proportion to `cumulative` weights (ascending prefix sums). */
export function pickCumulative(rand: Random, cumulative: ArrayLike<number>): number {
  const target = rand() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rand: Random, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
