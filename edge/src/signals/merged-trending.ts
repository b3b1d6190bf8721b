/**
 * Trending over a site's shards. Each shard keeps its own decayed keys (decay.ts); decayed counts
 * add up, and since count = 2^(key - t/halfLife) the sum of shards' counts is 2^(merged - t/halfLife)
 * with merged = log2(sum 2^key): time-invariant again and only ever rising, so the exact top-N of
 * the site is the top-N of merged keys.
 */
import type { Decay } from './decay.ts';
import { countAt, EMPTY_KEY } from './decay.ts';
import { TopN } from './top-n.ts';
import type { Scored } from './types.ts';

/** log2(sum of 2^k), computed around the largest key (keys are ~1e5: 2^k overflows). */
export function mergeKeys(keys: readonly (number | undefined)[]): number {
  let max = EMPTY_KEY;
  for (const k of keys) if (k !== undefined && k > max) max = k;
  if (max === EMPTY_KEY) return EMPTY_KEY;
  let sum = 0;
  for (const k of keys) if (k !== undefined && k !== EMPTY_KEY) sum += 2 ** (k - max);
  return max + Math.log2(sum);
}

/** Per item, the latest key each shard reported; the site's top-N of their merge. */
export class MergedTrending {
  readonly #keys = new Map<string, (number | undefined)[]>();
  readonly #top: TopN;

  constructor(
    size: number,
    private readonly decay: Decay,
  ) {
    this.#top = new TopN(size);
  }

  /** Shard `shard` now has key `key` for item `id` (a shard's keys only rise). */
  set(shard: number, id: string, key: number): void {
    let keys = this.#keys.get(id);
    if (!keys) {
      keys = [];
      this.#keys.set(id, keys);
    }
    keys[shard] = Math.max(keys[shard] ?? EMPTY_KEY, key);
    this.#top.offer(id, mergeKeys(keys));
  }

  /** The `k` most popular items at time `at` (ms), with decayed counts summed over shards. */
  top(k: number, at: number): Scored[] {
    return this.#top.top(k).map((r) => ({ id: r.id, score: countAt(r.key, at, this.decay) }));
  }
}
