/**
 * One write shard of a site's online signals (`<site>/<n>`, shards.ts): the sessions that hash to
 * it call `record` with every accepted batch. It keeps its own trending keys, experiment counters
 * and a journal of item interactions, and answers `changes` to the per-isolate replicas
 * (signals/replica.ts), which merge all shards; no recommendation calls a shard.
 */
import { DurableObject } from 'cloudflare:workers';
import type { VariantCounts } from '../experiments/stats.ts';
import { planWrites, touchedItems } from '../signals/shard-writes.ts';
import { shardCount } from '../signals/shards.ts';
import type { JournalClick, ShardChanges, SignalBatch } from '../signals/types.ts';

/** Journal rows kept for replay over all shards of a site (older ones are in the next model's artifact). */
export const JOURNAL_MAX = 100_000;
/** Items a replica starting from nothing gets from each shard (the site's top 500 are read from them). */
export const SNAPSHOT_TOP = 2000;
/** Most journal rows per `changes` answer. */
export const PAGE_MAX = 5000;
const TRIM_EVERY = 1024;
// Rows per trending upsert: 3 bound values each, under the 100 a Durable Object statement takes.
const UPSERT_ROWS = 32;

export class SignalsShardDO extends DurableObject<Env> {
  #inserts = 0;
  readonly #journalMax: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#journalMax = Math.ceil(JOURNAL_MAX / shardCount(env));
    const sql = ctx.storage.sql;
    // `seq`: the journal row that last moved the item, so replicas read only what moved.
    sql.exec(
      `CREATE TABLE IF NOT EXISTS trending (id TEXT PRIMARY KEY, key REAL NOT NULL, seq INTEGER NOT NULL)`,
    );
    sql.exec(`CREATE INDEX IF NOT EXISTS trending_seq ON trending (seq)`);
    sql.exec(`CREATE INDEX IF NOT EXISTS trending_key ON trending (key)`);
    sql.exec(
      `CREATE TABLE IF NOT EXISTS exp (experiment TEXT NOT NULL, variant TEXT NOT NULL,
         impressions INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (experiment, variant))`,
    );
    sql.exec(`CREATE TABLE IF NOT EXISTS journal (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, item TEXT NOT NULL, time REAL NOT NULL)`);
  }

  /**
   * Apply one batch: experiment counters, trending keys and the journal, in one transaction of a
   * few statements (`shard-writes.ts` plans them; the result is as if each item were written in turn).
   */
  record(batch: SignalBatch): void {
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      const touched = touchedItems(batch);
      const oldKeys = new Map<string, number>();
      if (touched.length > 0)
        for (const row of sql.exec<{ id: string; key: number }>(
          'SELECT id, key FROM trending WHERE id IN (SELECT value FROM json_each(?))',
          JSON.stringify(touched),
        ))
          oldKeys.set(row.id, row.key);
      const { journal, trending, counters } = planWrites(batch, oldKeys);
      for (const { experiment, variant, column, n } of counters)
        sql.exec(
          `INSERT INTO exp (experiment, variant, ${column}) VALUES (?, ?, ?)
           ON CONFLICT (experiment, variant) DO UPDATE SET ${column} = ${column} + excluded.${column}`,
          experiment,
          variant,
          n,
        );
      if (journal.length === 0) return;
      // json_each walks the array in order and `seq` autoincrements, so row i has seq first + i.
      const last = sql
        .exec<{ seq: number }>(
          'INSERT INTO journal (session, item, time) SELECT ?, value, ? FROM json_each(?) RETURNING seq',
          batch.sessionId,
          batch.at / 1000,
          JSON.stringify(journal),
        )
        .toArray()
        .reduce((max, row) => Math.max(max, row.seq), 0);
      const first = last - journal.length + 1;
      // Keys are bound as numbers, not sent through JSON text, so they are stored bit for bit.
      const rows = [...trending];
      for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
        const chunk = rows.slice(i, i + UPSERT_ROWS);
        sql.exec(
          `INSERT OR REPLACE INTO trending (id, key, seq) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
          ...chunk.flatMap(([id, { key, last: at }]) => [id, key, first + at]),
        );
      }
      // Trim whenever the count of journal rows written crosses a multiple of TRIM_EVERY.
      const before = this.#inserts;
      this.#inserts += journal.length;
      const crossed = Math.floor(this.#inserts / TRIM_EVERY) * TRIM_EVERY;
      if (crossed > before)
        sql.exec('DELETE FROM journal WHERE seq <= ? - ?', first + (crossed - before - 1), this.#journalMax);
    });
  }

  /**
   * What was written after `since` (a cursor from an earlier answer; 0 for everything): up to
   * `limit` journal rows in write order and the trending keys those rows moved. From 0 the
   * trending part is the shard's SNAPSHOT_TOP items instead, whatever wrote them.
   */
  changes(since: number, limit = PAGE_MAX): ShardChanges {
    const sql = this.ctx.storage.sql;
    const page = Math.min(Math.max(1, limit), PAGE_MAX);
    const clicks = sql
      .exec<{ seq: number; session: string; item: string; time: number }>(
        `SELECT seq, session, item, time FROM journal WHERE seq > ? ORDER BY seq LIMIT ?`,
        since,
        page + 1,
      )
      .toArray() as JournalClick[];
    const more = clicks.length > page;
    if (more) clicks.pop();
    const latest = sql.exec<{ seq: number | null }>(`SELECT MAX(seq) AS seq FROM journal`).one().seq ?? 0;
    const cursor = more ? clicks[clicks.length - 1]!.seq : Math.max(since, latest);
    const trending =
      since === 0
        ? sql.exec<{ id: string; key: number }>(
            `SELECT id, key FROM trending WHERE seq <= ? ORDER BY key DESC LIMIT ?`,
            cursor,
            SNAPSHOT_TOP,
          )
        : sql.exec<{ id: string; key: number }>(
            `SELECT id, key FROM trending WHERE seq > ? AND seq <= ?`,
            since,
            cursor,
          );
    return { cursor, clicks, trending: trending.toArray(), more };
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
