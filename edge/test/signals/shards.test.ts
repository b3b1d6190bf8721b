/**
 * A site's signals written through its shards and read through a replica answer as the single
 * object did: trending order and counts, second-stage candidates and features, experiment counters.
 * The replica's refresh timing runs on an injected clock (no timing in the assertions).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { candidateFeatures, OnlineSignals } from '../../../model/src/serve/index.ts';
import { experimentCounts } from '../../src/experiments/counts.ts';
import { addWeight, countAt, EMPTY_KEY } from '../../src/signals/decay.ts';
import { mergeKeys } from '../../src/signals/merged-trending.ts';
import { type ReplicaSource, SignalsReplica } from '../../src/signals/replica.ts';
import { shardCount, shardOf } from '../../src/signals/shards.ts';
import { recordSignals, replicaSource } from '../../src/signals/site-signals.ts';
import type { SignalBatch } from '../../src/signals/types.ts';
import { EVENT_WEIGHTS, TRENDING_DECAY } from '../../src/signals/weights.ts';

const T0 = Date.UTC(2026, 11, 1, 12);
const S = 1000;

/** The site's real shards, with an empty model artifact (no model is published in this file). */
function source(site: string): ReplicaSource {
  return {
    ...replicaSource(env, site),
    artifact: async () => ({ version: 'v', signals: new OnlineSignals() }),
  };
}

/** Batches of 12 sessions (spread over the shards), in write order. */
function batches(): SignalBatch[] {
  const out: SignalBatch[] = [];
  for (let s = 0; s < 12; s++)
    for (let step = 0; step < 3; step++)
      out.push({
        at: T0 + (s * 3 + step) * 1000,
        sessionId: `shopper-${s}`,
        events: [
          { type: step === 2 ? 'cart_add' : 'view', items: [`item-${(s + step) % 7}`] },
          { type: 'impression', items: [], experiment: { name: 'exp', variant: s % 2 ? 'A' : 'B' } },
        ],
      });
  return out;
}

/** What one object fed the same batches in the same order holds: the reference. */
function singleObject(written: SignalBatch[]) {
  const keys = new Map<string, number>();
  const online = new OnlineSignals();
  for (const b of written)
    for (const e of b.events)
      for (const item of e.items) {
        keys.set(item, addWeight(keys.get(item) ?? EMPTY_KEY, EVENT_WEIGHTS[e.type]!, b.at, TRENDING_DECAY));
        online.update({ sessionId: b.sessionId, itemId: item, time: b.at / 1000 });
      }
  return { keys, online };
}

describe('signals through shards', () => {
  it('read back through a replica as one object: trending, candidates, experiment counters', async () => {
    const site = `shards-${crypto.randomUUID()}`;
    const written = batches();
    const used = new Set(written.map((b) => shardOf(b.sessionId, shardCount(env))));
    expect(used.size).toBeGreaterThan(1);
    for (const b of written) await recordSignals(env, site, b);
    const replica = new SignalsReplica(source(site), { refreshMs: S, maxStaleMs: 10 * S });
    const at = T0 + 3600_000;

    const { keys, online } = singleObject(written);
    const expected = [...keys]
      .sort((a, b) => b[1] - a[1])
      .map(([id, key]) => [id, countAt(key, at, TRENDING_DECAY)]);
    const got = await replica.trending(10, 'v', at);
    expect(got.map((t) => t.id)).toEqual(expected.map(([id]) => id));
    for (const [i, t] of got.entries()) expect(t.score).toBeCloseTo(expected[i]![1] as number, 9);

    const clicks = [{ itemId: 'item-3', time: at / 1000 }];
    const ann = [{ id: 'item-1', score: 0.5 }];
    const table = await replica.candidates('v', 'probe', clicks, ann);
    const reference = candidateFeatures(['item-3'], 'probe', at / 1000, ann, online);
    expect(table.ids).toEqual(reference.ids);
    expect(Array.from(table.features)).toEqual(Array.from(reference.features));

    expect(await experimentCounts(env, site, 'exp')).toEqual([
      { variant: 'A', impressions: 18, clicks: 0 },
      { variant: 'B', impressions: 18, clicks: 0 },
    ]);
  });

  it('a batch that names an item several times counts each as its own write', async () => {
    const site = `shards-${crypto.randomUUID()}`;
    const written: SignalBatch[] = [0, 1, 2].map((step) => ({
      at: T0 + step * 60_000,
      sessionId: 'busy-shopper',
      events: [
        { type: 'view', items: ['item-1'] },
        { type: 'cart_add', items: ['item-1', 'item-2'] },
        { type: 'purchase', items: ['item-2', 'item-1', 'item-3'] },
        { type: 'impression', items: [], experiment: { name: 'exp', variant: 'A' } },
        { type: 'impression', items: [], experiment: { name: 'exp', variant: 'A' } },
        { type: 'rec_click', items: ['item-3'], experiment: { name: 'exp', variant: 'A' } },
      ],
    }));
    for (const b of written) await recordSignals(env, site, b);
    const replica = new SignalsReplica(source(site), { refreshMs: S, maxStaleMs: 10 * S });
    const at = T0 + 3600_000;
    const { keys, online } = singleObject(written);
    const got = await replica.trending(10, 'v', at);
    expect(got.map((t) => t.id)).toEqual([...keys].sort((a, b) => b[1] - a[1]).map(([id]) => id));
    for (const t of got) expect(t.score).toBeCloseTo(countAt(keys.get(t.id)!, at, TRENDING_DECAY), 9);
    const ann = [{ id: 'item-2', score: 0.5 }];
    const table = await replica.candidates('v', 'probe', [{ itemId: 'item-1', time: at / 1000 }], ann);
    const reference = candidateFeatures(['item-1'], 'probe', at / 1000, ann, online);
    expect(table.ids).toEqual(reference.ids);
    expect(Array.from(table.features)).toEqual(Array.from(reference.features));
    expect(await experimentCounts(env, site, 'exp')).toEqual([{ variant: 'A', impressions: 6, clicks: 3 }]);
  });

  it('merges shard keys into the key of the summed decayed count', () => {
    const d = TRENDING_DECAY;
    const a = addWeight(EMPTY_KEY, 3, T0, d);
    const b = addWeight(EMPTY_KEY, 2, T0 + 3600_000, d);
    expect(countAt(mergeKeys([a, undefined, b]), T0 + 7200_000, d)).toBeCloseTo(
      countAt(a, T0 + 7200_000, d) + countAt(b, T0 + 7200_000, d),
      9,
    );
    expect(mergeKeys([])).toBe(EMPTY_KEY);
  });
});

describe('the replica', () => {
  const view = (item: string) => ({
    at: T0,
    sessionId: `s-${item}`,
    events: [{ type: 'view' as const, items: [item] }],
  });

  it('a cold replica answers after exactly one refresh', async () => {
    const site = `cold-${crypto.randomUUID()}`;
    await recordSignals(env, site, view('first'));
    let calls = 0;
    const counted: ReplicaSource = {
      ...source(site),
      changes: (s, since) => {
        calls++;
        return source(site).changes(s, since);
      },
    };
    const replica = new SignalsReplica(counted, { refreshMs: S, maxStaleMs: 10 * S, now: () => 0 });
    expect((await replica.trending(5, 'v', T0)).map((t) => t.id)).toEqual(['first']);
    expect(calls).toBe(shardCount(env)); // one page from each shard, once
    expect(replica.refreshedAt).toBe(0);
  });

  it('a warm replica answers without calling a shard; a stale one starts one refresh', async () => {
    const site = `warm-${crypto.randomUUID()}`;
    await recordSignals(env, site, view('first'));
    let calls = 0;
    const counted: ReplicaSource = {
      ...source(site),
      changes: (s, since) => {
        calls++;
        return source(site).changes(s, since);
      },
    };
    let now = 0;
    const replica = new SignalsReplica(counted, { refreshMs: S, maxStaleMs: 10 * S, now: () => now });
    await replica.trending(5, 'v', T0);
    calls = 0;
    const ann = [{ id: 'first', score: 1 }];
    for (let i = 0; i < 50; i++) {
      await replica.trending(5, 'v', T0);
      await replica.candidates('v', 'probe', [{ itemId: 'first', time: T0 / 1000 }], ann);
    }
    expect(calls).toBe(0);
    now = S + 1;
    for (let i = 0; i < 50; i++) await replica.trending(5, 'v', T0);
    while (replica.refreshedAt !== S + 1) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(shardCount(env)); // one refresh for all 50 stale reads
  });

  it('shows a write within S of it, answering from the older state meanwhile', async () => {
    const site = `stale-${crypto.randomUUID()}`;
    let now = 0;
    const replica = new SignalsReplica(source(site), { refreshMs: S, maxStaleMs: 10 * S, now: () => now });
    await recordSignals(env, site, view('old'));
    expect((await replica.trending(5, 'v', T0)).map((t) => t.id)).toEqual(['old']);

    await recordSignals(env, site, view('new'));
    now = S; // not stale yet: no refresh, the write is not required to show
    expect((await replica.trending(5, 'v', T0)).map((t) => t.id)).toEqual(['old']);
    expect(replica.refreshedAt).toBe(0);

    now = S + 1; // stale: this answer is the old state, and a refresh starts behind it
    expect((await replica.trending(5, 'v', T0)).map((t) => t.id)).toEqual(['old']);
    await replica.refresh(); // joins the refresh under way
    expect(replica.refreshedAt).toBe(S + 1);
    expect((await replica.trending(5, 'v', T0)).map((t) => t.id).sort()).toEqual(['new', 'old']);
  });

  it('an isolate idle beyond the hard bound waits for a refresh instead of answering stale', async () => {
    const site = `idle-${crypto.randomUUID()}`;
    let now = 0;
    const replica = new SignalsReplica(source(site), { refreshMs: S, maxStaleMs: 10 * S, now: () => now });
    await replica.trending(5, 'v', T0);
    await recordSignals(env, site, view('later'));
    now = 10 * S + 1;
    expect((await replica.trending(5, 'v', T0)).map((t) => t.id)).toEqual(['later']);
  });
});

describe("the replica's fold", () => {
  /** `n` clicks: sessions of 5 views each, a second apart from `from`. */
  const clicksFrom = (from: number, n: number): SignalBatch[] =>
    Array.from({ length: n }, (_, i) => ({
      at: from + i * 1000,
      sessionId: `shopper-${from}-${Math.floor(i / 5)}`,
      events: [{ type: 'view' as const, items: [`item-${(i * 7) % 31}`] }],
    }));
  const ann = [{ id: 'item-1', score: 0.5 }];
  const probe = (at: number) => [{ itemId: 'item-3', time: at / 1000 }];

  it("spreads a background refresh's clicks over the next interval's reads, each folded once", async () => {
    const site = `fold-${crypto.randomUUID()}`;
    const first = clicksFrom(T0, 40);
    for (const b of first) await recordSignals(env, site, b);
    let now = 0;
    const replica = new SignalsReplica(source(site), { refreshMs: S, maxStaleMs: 10 * S, now: () => now });
    await replica.trending(5, 'v', T0); // cold: everything folded before the answer
    expect(replica.backlog).toBe(0);

    const second = clicksFrom(T0 + 100_000, 200);
    for (const b of second) await recordSignals(env, site, b);
    now = S + 1; // stale: a background refresh pulls the 200 clicks
    await replica.trending(5, 'v', T0);
    while (replica.refreshedAt !== S + 1) await new Promise((r) => setTimeout(r, 5));
    expect(replica.backlog).toBe(200);

    // A read at the same instant folds only a few; half an interval later, about half of them.
    await replica.trending(5, 'v', T0);
    const afterOne = replica.backlog;
    expect(afterOne).toBeGreaterThanOrEqual(180);
    expect(afterOne).toBeLessThan(200);
    now = S + 1 + S / 2;
    await replica.trending(5, 'v', T0);
    expect(replica.backlog).toBeGreaterThan(afterOne - 110);
    expect(replica.backlog).toBeLessThanOrEqual(afterOne - 100);

    // By the end of the interval every click is in, once: the answer is the single object's.
    now = 2 * S + 1 - 1;
    const at = T0 + 3600_000;
    const table = await replica.candidates('v', 'probe', probe(at), ann);
    expect(replica.backlog).toBe(0);
    const reference = candidateFeatures(
      ['item-3'],
      'probe',
      at / 1000,
      ann,
      singleObject([...first, ...second]).online,
    );
    expect(table.ids).toEqual(reference.ids);
    expect(Array.from(table.features)).toEqual(Array.from(reference.features));
  });

  it('clicks left by the reads are folded before the next pull adds more; an awaited refresh folds all', async () => {
    const site = `fold-left-${crypto.randomUUID()}`;
    let now = 0;
    const replica = new SignalsReplica(source(site), { refreshMs: S, maxStaleMs: 10 * S, now: () => now });
    const first = clicksFrom(T0, 100);
    for (const b of first) await recordSignals(env, site, b);
    await replica.trending(5, 'v', T0);
    const second = clicksFrom(T0 + 200_000, 100);
    for (const b of second) await recordSignals(env, site, b);
    now = S + 1;
    await replica.trending(5, 'v', T0); // starts the pull; no read folds its clicks afterwards
    while (replica.refreshedAt !== S + 1) await new Promise((r) => setTimeout(r, 5));
    expect(replica.backlog).toBe(100);
    const third = clicksFrom(T0 + 400_000, 50);
    for (const b of third) await recordSignals(env, site, b);
    now = 2 * S + 2;
    await replica.trending(5, 'v', T0); // a whole interval due: the 100 folded, then the pull adds 50
    while (replica.refreshedAt !== 2 * S + 2) await new Promise((r) => setTimeout(r, 5));
    expect(replica.backlog).toBe(50);
    await replica.refresh();
    expect(replica.backlog).toBe(0);
    const at = T0 + 3600_000;
    const table = await replica.candidates('v', 'probe', probe(at), ann);
    const all = [...first, ...second, ...third];
    const reference = candidateFeatures(['item-3'], 'probe', at / 1000, ann, singleObject(all).online);
    expect(Array.from(table.features)).toEqual(Array.from(reference.features));
  });
});
