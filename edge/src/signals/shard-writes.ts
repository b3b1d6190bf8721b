/**
 * What one signal batch writes to a shard, planned in memory so the shard runs a few statements
 * per batch instead of three per item (a statement costs far more than the arithmetic): the
 * journal rows in order, each touched item's new trending key, and the experiment counter deltas.
 */
import { addWeight, EMPTY_KEY } from './decay.ts';
import type { SignalBatch } from './types.ts';
import { EVENT_WEIGHTS, TRENDING_DECAY } from './weights.ts';

/** One experiment counter increment: `n` impressions or clicks of an arm. */
export interface CounterDelta {
  experiment: string;
  variant: string;
  column: 'impressions' | 'clicks';
  n: number;
}

/** The writes of one batch; `trending` keys are computed from `oldKeys` as sequential adds would. */
export interface ShardWrites {
  /** Items journaled, in write order (one row each). */
  journal: string[];
  /** Each touched item's new key and the index in `journal` of the row that last moved it. */
  trending: Map<string, { key: number; last: number }>;
  counters: CounterDelta[];
}

/** Plan the writes of `batch` given the stored trending keys (an item missing: never seen). */
export function planWrites(batch: SignalBatch, oldKeys: ReadonlyMap<string, number>): ShardWrites {
  const journal: string[] = [];
  const trending = new Map<string, { key: number; last: number }>();
  const counters = new Map<string, CounterDelta>();
  for (const e of batch.events) {
    if (e.experiment && (e.type === 'impression' || e.type === 'rec_click')) {
      const column = e.type === 'impression' ? 'impressions' : 'clicks';
      const id = JSON.stringify([e.experiment.name, e.experiment.variant, column]);
      const delta = counters.get(id) ?? { ...e.experiment, experiment: e.experiment.name, column, n: 0 };
      delta.n++;
      counters.set(id, delta);
    }
    const w = EVENT_WEIGHTS[e.type];
    if (!w) continue;
    for (const item of e.items) {
      const old = trending.get(item)?.key ?? oldKeys.get(item) ?? EMPTY_KEY;
      trending.set(item, { key: addWeight(old, w, batch.at, TRENDING_DECAY), last: journal.length });
      journal.push(item);
    }
  }
  return {
    journal,
    trending,
    counters: [...counters.values()].map(({ experiment, variant, column, n }) => ({
      experiment,
      variant,
      column,
      n,
    })),
  };
}
