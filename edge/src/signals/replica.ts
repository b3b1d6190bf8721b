/**
 * A per-isolate replica of one site's online signals: the model's `signals` artifact plus every
 * shard's journal, folded in the order the shards' clocks give, and trending merged over shards.
 * Recommendations read it in memory; it refreshes from the shards at most every `refreshMs`,
 * in the background (stale-while-revalidate), so a warm answer calls no shared object. Only a
 * cold replica (or one for a newly active model), or one idle for more than `maxStaleMs`, makes
 * its reader wait for one refresh.
 *
 * A background refresh does not fold what it pulled in one go: every click of the site since the
 * last refresh (5,000 at 5,000 events/s, ~16 µs each in bench/ingest.ts's long sessions) would
 * hold the isolate for ~80 ms once a second, and every request in it would wait (its p99). The
 * clicks wait in a backlog that the reads fold before they answer, paced to spread it over one
 * refresh interval (a read 4 ms after the last folds 4 ms' worth); the next refresh folds what is
 * left before it adds more. So a click reaches the answers at most one refresh interval later than
 * it did when the refresh folded it, and in a busy isolate about half of one on average.
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

/** The fewest backlog clicks a read folds (when reads come faster than the clock moves). */
const FOLD_AT_LEAST = 16;

interface State {
  version: string | undefined;
  signals: OnlineSignals;
  /** The artifact's latest event time: journal rows up to it are already in the artifact. */
  after: number;
  cursors: number[];
  trending: MergedTrending;
  /** Clicks pulled but not folded into `signals` yet, in the order they are to be folded. */
  backlog: JournalClick[];
  /** Backlog clicks to fold per ms of reads: the last pull's clicks over one refresh interval. */
  foldRate: number;
  /** When a read last folded (ms). */
  foldedAt: number;
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

  /** Clicks pulled from the shards and not yet in the signals the answers read. */
  get backlog(): number {
    return this.#state?.backlog.length ?? 0;
  }

  /** Refresh now (or join the refresh under way), wait for it and fold everything it pulled. */
  async refresh(): Promise<void> {
    await this.#pullLatest();
    this.#fold(this.#state!, Number.POSITIVE_INFINITY);
  }

  /** Pull the shards' changes into the backlog (or join the pull under way). */
  #pullLatest(): Promise<void> {
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
    else if (age > this.timing.refreshMs) void this.#pullLatest().catch(() => {});
    const current = this.#state!;
    if (current.backlog.length > 0) {
      const now = this.#now();
      const due = Math.ceil(current.foldRate * Math.max(0, now - current.foldedAt));
      current.foldedAt = now;
      // No refresh interval to spread over (S = 0): the reads want every click at once.
      this.#fold(
        current,
        this.timing.refreshMs > 0 ? Math.max(FOLD_AT_LEAST, due) : Number.POSITIVE_INFINITY,
      );
    }
    return current;
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
      this.#fold(state, Number.POSITIVE_INFINITY); // a cold state: its reader waits anyway
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
      backlog: [],
      foldRate: 0,
      foldedAt: 0,
    };
  }

  /**
   * Read every shard past its cursor and add what they wrote to the backlog, shards merged by
   * time; the previous pull's leftover is folded first, so no click waits longer than one refresh.
   */
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
    this.#fold(state, Number.POSITIVE_INFINITY);
    for (const c of all) if (c.time > state.after) state.backlog.push(c);
    state.foldRate = state.backlog.length / Math.max(1, this.timing.refreshMs);
    state.foldedAt = this.#now();
    pages.forEach((p, shard) => {
      state.cursors[shard] = p.cursor;
    });
  }

  /** Fold the backlog's oldest `n` clicks into the signals. */
  #fold(state: State, n: number): void {
    const clicks = n >= state.backlog.length ? state.backlog.splice(0) : state.backlog.splice(0, n);
    for (const c of clicks) state.signals.update({ sessionId: c.session, itemId: c.item, time: c.time });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => {});
    return run;
  }
}
