/** A site's experiment counters: each shard counts its own sessions, the site's are their sums. */
import { shardCount, shardName } from '../signals/shards.ts';
import type { VariantCounts } from './stats.ts';

/** Impressions and clicks per variant of `experiment` on `site`, exact (summed over every shard). */
export async function experimentCounts(env: Env, site: string, experiment: string): Promise<VariantCounts[]> {
  const shards = Array.from({ length: shardCount(env) }, (_, i) =>
    env.SIGNAL_SHARDS.getByName(shardName(site, i)).experimentCounts(experiment),
  );
  return sumCounts(await Promise.all(shards));
}

/** Variant-wise sums of per-shard counts, variants in name order. */
export function sumCounts(perShard: readonly (readonly VariantCounts[])[]): VariantCounts[] {
  const sum = new Map<string, VariantCounts>();
  for (const counts of perShard)
    for (const c of counts) {
      const s = sum.get(c.variant) ?? { variant: c.variant, impressions: 0, clicks: 0 };
      s.impressions += c.impressions;
      s.clicks += c.clicks;
      sum.set(c.variant, s);
    }
  return [...sum.values()].sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
}
