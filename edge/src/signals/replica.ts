/**
 * A per-isolate replica of one site's online signals: the model's `signals` artifact plus every
 * shard's journal, folded in the order the shards' clocks give, and trending merged over shards.
 * Recommendations read it in memory; it refreshes from the shards at most every `refreshMs`,
 * in the background (stale-while-revalidate), so a warm answer calls no shared object. Only a
 * cold replica (or one for a newly active model), or one idle for more than `maxStaleMs`, makes
 * its reader wait for one refresh.
 */
import {
  type AnnMatch,
  type CandidateTable,
  candidateFeatures,
  type OnlineSignals,
  type SessionClick,
} from '../../../model/src/serve/index.ts';
import { MergedTrending } from './merged-trending.ts';
import type { JournalClick, Scored, ShardChanges } from './types.ts';
import { TRENDING_DECAY } from './weights.ts';

/** Where a replica reads from: the site's shards and the model's artifact. */
export interface ReplicaSource {
  shards: number;
  changes(shard: number, since: number): Promise<ShardChanges>;
  /** A model version's signals artifact (the active version's when undefined), freshly decoded. */
  artifact(version: string | undefined): Promise<{ version: string | undefined; signals: OnlineSignals }>;
}

/** Refresh timing. */
export interface ReplicaTiming {
  /** Answers may be this stale before a read starts a background refresh (S). */
  refreshMs: number;
  /** Beyond this, a read waits for a refresh instead of answering from the old state. */
  maxStaleMs: number;
  now?: () => number;
}

/** The items trending at most: what `trending(k)` can answer (k ≤ 500, as the single object did). */
const TRENDING_TOP = 500;

interface State {
  version: string | undefined;
  signals: OnlineSignals;
  /** The artifact's latest event time: journal rows up to it are already in the artifact. */
  after: number;
  cursors: number[];
  trending: MergedTrending;
}

export class SignalsReplica {
  #state: State | undefined;
  #refreshedAt = Number.NEGATIVE_INFINITY;
  #chain: Promise<unknown> = Promise.resolve();
  #refreshing: Promise<void> | undefined;
  #switching: { version: string | undefined; promise: Promise<void> } | undefined;
  readonly #now: () => number;

  constructor(
    private readonly source: ReplicaSource,
    private readonly timing: ReplicaTiming,
  ) {
    this.#now = timing.now ?? Date.now;
  }

  /** When the last completed refresh started (ms; -Infinity before the first). */
  get refreshedAt(): number {
    return this.#refreshedAt;
  }

  /** The `k` most popular items of the site right now (decayed counts summed over shards). */
  async trending(k: number, version: string | undefined, at = Date.now()): Promise<Scored[]> {
    const state = await this.ready(version);
    return state.trending.top(Math.min(k, TRENDING_TOP), at);
  }

  /** Second-stage candidates of a session, as `candidateFeatures` computes them over the replica. */
  async candidates(
    version: string,
    sessionId: string,
    clicks: readonly SessionClick[],
    ann: readonly AnnMatch[],
  ): Promise<CandidateTable> {
    const { signals } = await this.ready(version);
    const now = clicks.length ? clicks[clicks.length - 1]!.time : signals.now;
    return candidateFeatures(
      clicks.map((c) => c.itemId),
      sessionId,
      now,
      ann,
      signals,
    );
  }

  /** Refresh now (or join the refresh under way) and wait for it. */
  refresh(): Promise<void> {
    if (!this.#refreshing) {
      const started = this.#now();
      const promise = this.#serial(async () => {
        const state = this.#state ?? (await this.#build(undefined));
        await this.#pull(state);
        this.#state = state;
        this.#refreshedAt = started;
      }).finally(() => {
        if (this.#refreshing === promise) this.#refreshing = undefined;
      });
      this.#refreshing = promise;
    }
    return this.#refreshing;
  }

  /** The state to answer from: fresh enough as is, stale with a refresh started, or after one. */
  private async ready(version: string | undefined): Promise<State> {
    const state = this.#state;
    // A new model's answers wait for its signals (once per isolate and version), as a cold start.
    if (!state || (version !== undefined && version !== state.version)) {
      await this.#switchTo(version);
      return this.#state!;
    }
    const age = this.#now() - this.#refreshedAt;
    if (age > this.timing.maxStaleMs) await this.refresh();
    else if (age > this.timing.refreshMs) void this.refresh().catch(() => {});
    return this.#state!;
  }

  /** Rebuild for model `version` (its artifact + all journals) and swap it in; one load a version. */
  #switchTo(version: string | undefined): Promise<void> {
    const switching = this.#switching;
    if (switching && switching.version === version) return switching.promise;
    const started = this.#now();
    const promise = this.#serial(async () => {
      if (this.#state && this.#state.version === version) return;
      const state = await this.#build(version);
      await this.#pull(state);
      this.#state = state;
      this.#refreshedAt = started;
    }).finally(() => {
      if (this.#switching?.promise === promise) this.#switching = undefined;
    });
    this.#switching = { version, promise };
    return promise;
  }

  async #build(version: string | undefined): Promise<State> {
    const { version: v, signals } = await this.source.artifact(version);
    const cursors = new Array<number>(this.source.shards).fill(0);
    return {
      version: v,
      signals,
      after: signals.now,
      cursors,
      trending: new MergedTrending(TRENDING_TOP, TRENDING_DECAY),
    };
  }

  /** Read every shard past its cursor and fold what they wrote, shards merged by time. */
  async #pull(state: State): Promise<void> {
    const pages = await Promise.all(
      state.cursors.map(async (since, shard) => {
        const clicks: JournalClick[] = [];
        let cursor = since;
        for (;;) {
          const page = await this.source.changes(shard, cursor);
          for (const t of page.trending) state.trending.set(shard, t.id, t.key);
          clicks.push(...page.clicks);
          cursor = page.cursor;
          if (!page.more) return { cursor, clicks };
        }
      }),
    );
    // A session writes to one shard, so each shard's order keeps its sessions in order; across
    // shards, time order (stable: ties stay in shard order).
    const all = pages.flatMap((p) => p.clicks).sort((a, b) => a.time - b.time);
    for (const c of all)
      if (c.time > state.after) state.signals.update({ sessionId: c.session, itemId: c.item, time: c.time });
    pages.forEach((p, shard) => {
      state.cursors[shard] = p.cursor;
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => {});
    return run;
  }
}
