/** Add `rec.recommend` and `rec.subscribe` to a loaded SDK through its `extend` seam, once. */
import { createRecommender } from './recommender.ts';
import type { RecHost } from './types.ts';

export function installInto(rec: RecHost): void {
  if (rec.subscribe) return;
  const r = createRecommender(rec);
  rec.extend('recommend', r.recommend);
  rec.extend('subscribe', r.subscribe);
}
