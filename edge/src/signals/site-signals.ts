/**
 * A site's online signals as the request paths use them: writes go to the session's shard, reads to
 * this isolate's replica of the site (one per site, shared by every object the isolate runs).
 */
import { deserializeSignals, OnlineSignals } from '../../../model/src/serve/index.ts';
import { readActive, readModelFile } from '../model-registry/r2-store.ts';
import { type ReplicaSource, SignalsReplica } from './replica.ts';
import { shardCount, shardName, shardOf } from './shards.ts';
import type { SignalBatch } from './types.ts';

/** S: how stale a warm isolate's signals may be before a read refreshes them in the background. */
export const DEFAULT_REFRESH_MS = 1000;
/** An isolate idle for longer than this waits for one refresh before answering. */
export const MAX_STALE_MS = 10_000;

const replicas = new Map<string, SignalsReplica>();

/** `SIGNALS_REFRESH_MS` if set to a sane number, else DEFAULT_REFRESH_MS. */
export function refreshMs(env: { SIGNALS_REFRESH_MS?: string }): number {
  const ms = Number(env.SIGNALS_REFRESH_MS);
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_STALE_MS ? ms : DEFAULT_REFRESH_MS;
}

/** What a replica of `site` reads: the site's shards and the models' artifacts in R2. */
export function replicaSource(env: Env, site: string): ReplicaSource {
  return {
    shards: shardCount(env),
    changes: (shard, since) => env.SIGNAL_SHARDS.getByName(shardName(site, shard)).changes(since),
    artifact: async (wanted) => {
      const version = wanted ?? (await readActive(env.MODELS))?.version;
      const bytes = version === undefined ? undefined : await readModelFile(env.MODELS, version, 'signals');
      return { version, signals: bytes ? deserializeSignals(new Uint8Array(bytes)) : new OnlineSignals() };
    },
  };
}

/** This isolate's replica of `site`'s signals, created on first use. */
export function siteSignals(env: Env, site: string): SignalsReplica {
  let replica = replicas.get(site);
  if (!replica) {
    replica = new SignalsReplica(replicaSource(env, site), {
      refreshMs: refreshMs(env),
      maxStaleMs: MAX_STALE_MS,
    });
    replicas.set(site, replica);
  }
  return replica;
}

/** Send one session's batch to its shard (the only signal write a batch makes). */
export async function recordSignals(env: Env, site: string, batch: SignalBatch): Promise<void> {
  const shard = shardOf(batch.sessionId, shardCount(env));
  await env.SIGNAL_SHARDS.getByName(shardName(site, shard)).record(batch);
}
