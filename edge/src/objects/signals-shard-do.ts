/**
 * One write shard of a site's online signals (`<site>/<n>`, shards.ts): the sessions that hash to
 * it call `record` with every accepted batch. It keeps its own trending keys, experiment counters
 * and a journal of item interactions, and answers `changes` to the per-isolate replicas
 * (signals/replica.ts), which merge all shards; no recommendation calls a shard.
 */
import { DurableObject } from 'cloudflare:workers';
import type { VariantCounts } from '../experiments/stats.ts';
import { encodeRow, type JournalRow, readPage } from '../signals/journal-rows.ts';
import { ensureShardSchema } from '../signals/shard-schema.ts';
import { planWrites, type ShardWrites } from '../signals/shard-writes.ts';
import { shardCount } from '../signals/shards.ts';
import type { ShardChanges, SignalBatch } from '../signals/types.ts';

/** Journal clicks kept for replay over all shards of a site (older ones are in the next model's artifact). */
export const JOURNAL_MAX = 100_000;
/** Items a replica starting from nothing gets from each shard (the site's top 500 are read from them). */
export const SNAPSHOT_TOP = 2000;
/** Most journal clicks per `changes` answer (plus the rest of the batch that reaches it). */
export const PAGE_MAX = 5000;
const TRIM_EVERY = 1024;
/**
 * How many clicks an item's moved trending key waits before its row is written: a batch writes its
 * journal row, plus the rows of the items that have waited this long (a hot item once per wait, not
 * once per batch), a slice at a time so no batch writes thousands at once. `trending_at` follows the
 * oldest key still unwritten; a restart replays the journal rows after it (their keys are
 * absolute), so nothing is lost; the trim keeps those rows.
 */
export const CHECKPOINT_CLICKS = 4096;
// Rows per trending upsert: 2 bound values each, under the 100 a Durable Object statement takes.
const UPSERT_ROWS = 48;

export class SignalsShardDO extends DurableObject<Env> {
  readonly #journalMax: number;
  /** The last journal seq written (clicks are numbered 1, 2, ... across the shard's life). */
  #seq: number;
  /** Readers with a cursor at or before this read rows a version-1 shard wrote, without keys. */
  readonly #migratedTo: number;
  /** The stored checkpoint: every `trending` row whose item moved after this journal seq is replayed. */
  #trendingAt: number;
  /**
   * Every item's trending key: the checkpoint plus the journal rows after it, read once when the
   * object starts, so a batch plans its writes without reading them back. Updated after a commit.
   */
  readonly #keys = new Map<string, number>();
  /**
   * Items whose stored row is older than their key, by the seq of the journal row that first moved
   * them since: oldest first (a written item leaves, a moved one joins at the end).
   */
  readonly #dirty = new Map<string, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#journalMax = Math.ceil(JOURNAL_MAX / shardCount(env));
    const schema = ensureShardSchema(ctx.storage);
    this.#migratedTo = schema.migratedTo;
    this.#trendingAt = schema.trendingAt;
    const sql = ctx.storage.sql;
    this.#seq = sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM journal').one().seq ?? 0;
    for (const { id, key } of sql.exec<{ id: string; key: number }>('SELECT id, key FROM trending'))
      this.#keys.set(id, key);
    // Each row holds the keys its batch left, so the latest row that moved an item has its key.
    for (const row of sql.exec<{ seq: number; keys: string }>(
      'SELECT seq, keys FROM journal WHERE seq > ? ORDER BY seq',
      this.#trendingAt,
    ))
      for (const [id, key] of JSON.parse(row.keys) as [string, number][]) {
        this.#keys.set(id, key);
        if (!this.#dirty.has(id)) this.#dirty.set(id, row.seq);
      }
  }

  /**
   * Apply one batch: experiment counters and one journal row (with the trending keys it moved), in
   * one transaction of a few statements (`shard-writes.ts` plans them; the result is as if each
   * item were written in turn), and the rows of the items whose keys have waited CHECKPOINT_CLICKS.
   */
  record(batch: SignalBatch): void {
    const sql = this.ctx.storage.sql;
    const before = this.#seq;
    let moved: ShardWrites['trending'] | undefined;
    let written: ReadonlySet<string> = new Set();
    let checkpoint: number | undefined;
    const seq = this.ctx.storage.transactionSync(() => {
      const { journal, trending, counters } = planWrites(batch, this.#keys);
      moved = trending;
      for (const { experiment, variant, column, n } of counters)
        sql.exec(
          `INSERT INTO exp (experiment, variant, ${column}) VALUES (?, ?, ?)
           ON CONFLICT (experiment, variant) DO UPDATE SET ${column} = ${column} + excluded.${column}`,
          experiment,
          variant,
          n,
        );
      if (journal.length === 0) return before;
      const last = before + journal.length;
      const { items, keys } = encodeRow(journal, trending);
      sql.exec(
        'INSERT INTO journal (seq, session, time, items, keys) VALUES (?, ?, ?, ?, ?)',
        last,
        batch.sessionId,
        batch.at / 1000,
        items,
        keys,
      );
      ({ written, checkpoint } = this.#writeDue(trending, journal.length, last));
      // Trim whenever the click count crosses a multiple of TRIM_EVERY (a row goes with its last
      // click), never past the checkpoint: a restart replays the rows after it.
      if (Math.floor(last / TRIM_EVERY) > Math.floor(before / TRIM_EVERY))
        sql.exec(
          'DELETE FROM journal WHERE seq <= ?',
          Math.min(last - this.#journalMax, checkpoint ?? this.#trendingAt),
        );
      return last;
    });
    // Only once committed: a rolled-back batch leaves the count, keys and checkpoint as they were.
    this.#seq = seq;
    for (const id of written) this.#dirty.delete(id);
    if (moved)
      for (const [id, { key }] of moved) {
        this.#keys.set(id, key);
        if (!this.#dirty.has(id) && !written.has(id)) this.#dirty.set(id, seq);
      }
    if (checkpoint !== undefined) this.#trendingAt = checkpoint;
  }

  /**
   * Write the rows of the items whose keys have waited CHECKPOINT_CLICKS (oldest first, at most twice
   * the batch's clicks plus one statement's worth, so the writes keep up with what batches move)
   * with their keys after this batch (`moved`), and move the checkpoint up to just before the oldest
   * key still unwritten. Returns the items written and the new checkpoint, if it moved.
   */
  #writeDue(
    moved: ShardWrites['trending'],
    clicks: number,
    last: number,
  ): { written: ReadonlySet<string>; checkpoint: number | undefined } {
    const sql = this.ctx.storage.sql;
    const rows: [string, number][] = [];
    const most = 2 * clicks + UPSERT_ROWS;
    for (const [id, first] of this.#dirty) {
      if (first > last - CHECKPOINT_CLICKS || rows.length >= most) break;
      rows.push([id, moved.get(id)?.key ?? this.#keys.get(id)!]);
    }
    if (rows.length === 0) return { written: new Set(), checkpoint: undefined };
    // Keys are bound as numbers, not sent through JSON text, so they are stored bit for bit.
    for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
      const chunk = rows.slice(i, i + UPSERT_ROWS);
      sql.exec(
        `INSERT OR REPLACE INTO trending (id, key) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        ...chunk.flat(),
      );
    }
    // The oldest key left unwritten: the first dirty item not written now, or this batch's own.
    const written = new Set(rows.map(([id]) => id));
    let oldest = last;
    for (const [id, first] of this.#dirty)
      if (!written.has(id)) {
        oldest = first;
        break;
      }
    for (const id of moved.keys())
      if (!written.has(id) && !this.#dirty.has(id)) oldest = Math.min(oldest, last);
    const checkpoint = oldest - 1;
    sql.exec('UPDATE shard_schema SET trending_at = ?', checkpoint);
    return { written, checkpoint };
  }

  /**
   * What was written after `since` (a cursor from an earlier answer; 0 for everything): journal
   * clicks in write order, up to about `limit`, and the trending keys those clicks moved. From 0,
   * or when clicks after `since` were trimmed before this reader saw them, the shard's
   * SNAPSHOT_TOP items are added, whatever wrote them (keys only rise: a reader keeps the highest).
   */
  changes(since: number, limit = PAGE_MAX): ShardChanges {
    const sql = this.ctx.storage.sql;
    const page = readPage(
      sql.exec<JournalRow & Record<string, SqlStorageValue>>(
        'SELECT seq, session, time, items, keys FROM journal WHERE seq > ? ORDER BY seq',
        since,
      ),
      since,
      Math.min(Math.max(1, limit), PAGE_MAX),
    );
    const trending = page.moved;
    // The snapshot comes from memory: the stored rows are only as new as the checkpoint.
    if (since === 0 || page.gap || since < this.#migratedTo)
      for (const [id, key] of topKeys(this.#keys, SNAPSHOT_TOP))
        trending.set(id, Math.max(key, trending.get(id) ?? key));
    return {
      cursor: page.cursor,
      clicks: page.clicks,
      trending: [...trending].map(([id, key]) => ({ id, key })),
      more: page.more,
    };
  }

  /** This shard's impressions and clicks per variant of one experiment. */
  experimentCounts(experiment: string): VariantCounts[] {
    return this.ctx.storage.sql
      .exec<{ variant: string; impressions: number; clicks: number }>(
        `SELECT variant, impressions, clicks FROM exp WHERE experiment = ? ORDER BY variant`,
        experiment,
      )
      .toArray();
  }
}

/** The `n` entries of `keys` with the highest keys, best first. */
function topKeys(keys: ReadonlyMap<string, number>, n: number): [string, number][] {
  return [...keys].sort((a, b) => b[1] - a[1]).slice(0, n);
}
