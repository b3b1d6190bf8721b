/**
 * Which of a site's signal shards a session writes to. A session always writes to the same shard,
 * so each shard's journal holds whole sessions in order (the second-stage signals need that), and
 * every shard takes ~1/N of the site's events.
 */
import { fnv1a } from '../../../model/src/hash.ts';

/** Shards per site when `SIGNAL_SHARD_COUNT` is not set. */
export const DEFAULT_SHARDS = 8;

/**
 * The configured shard count. Raise it, never lower it: replicas read shards 0..N-1, so a shard
 * beyond a lowered N would keep events no one reads (a raised N only moves sessions to new shards).
 */
export function shardCount(env: { SIGNAL_SHARD_COUNT?: string }): number {
  const n = Number(env.SIGNAL_SHARD_COUNT);
  return Number.isInteger(n) && n >= 1 && n <= 256 ? n : DEFAULT_SHARDS;
}

/** The shard of `sessionId` among `shards`. */
export function shardOf(sessionId: string, shards: number): number {
  return fnv1a(`signals:${sessionId}`) % shards;
}

/** The Durable Object name of shard `shard` of `site`. */
export function shardName(site: string, shard: number): string {
  return `${site}/${shard}`;
}
