/**
 * Answer times as log-spaced histogram buckets (pure): bucket b holds times in
 * (FLOOR_MS·GROWTH^(b−1), FLOOR_MS·GROWTH^b], so any quantile is known within 10 % and histograms
 * of isolates and hours merge by adding counts.
 */

/** Times at or under this fall in bucket 0. */
export const FLOOR_MS = 0.1;
/** Ratio of consecutive bucket edges. */
export const GROWTH = 1.1;
/** Last bucket (≈ 15 min): anything slower lands here. */
export const MAX_BUCKET = 160;

/** The bucket of a time in ms. */
export function latencyBucket(ms: number): number {
  if (!(ms > FLOOR_MS)) return 0;
  return Math.min(MAX_BUCKET, Math.ceil(Math.log(ms / FLOOR_MS) / Math.log(GROWTH) - 1e-9));
}

/** The upper edge of bucket `b`, ms (what a quantile in it is reported as), to 3 significant digits. */
export function bucketUpperMs(b: number): number {
  return Number((FLOOR_MS * GROWTH ** b).toPrecision(3));
}

/** Quantile `q` (0-1) of a histogram (bucket → count): the upper edge of its bucket; null when empty. */
export function histogramQuantile(histogram: ReadonlyMap<number, number>, q: number): number | null {
  let total = 0;
  for (const n of histogram.values()) total += n;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const b of [...histogram.keys()].sort((x, y) => x - y)) {
    seen += histogram.get(b)!;
    if (seen >= rank) return bucketUpperMs(b);
  }
  return bucketUpperMs(MAX_BUCKET);
}
