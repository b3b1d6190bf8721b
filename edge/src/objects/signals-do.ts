/**
 * Online signals of one site, updated by every accepted event: trending items (time-decayed
 * popularity), experiment impressions/clicks per variant, and the model's second-stage signals
 * (online.ts), which re-rank every session's candidates.
 * One Durable Object per site key; sessions call `record` before acknowledging an event batch, so the
 * next recommendation anywhere sees it.
 */
import { DurableObject } from 'cloudflare:workers';
import type { EventType } from '../../../contracts/event-types.ts';
import type { AnnMatch, CandidateTable, SessionClick } from '../../../model/src/serve/index.ts';
import type { VariantCounts } from '../experiments/stats.ts';
import { addWeight, countAt, EMPTY_KEY } from '../signals/decay.ts';
import { OnlineState } from '../signals/online.ts';
import { TopN } from '../signals/top-n.ts';
import { EVENT_WEIGHTS, TRENDING_DECAY } from '../signals/weights.ts';

/** One event as the signals see it. */
export interface SignalEvent {
  type: EventType;
  items: string[];
  /** For impressions and recommendation clicks: the experiment arm of the answer they refer to. */
  experiment?: { name: string; variant: string };
}

/** A batch of one session's accepted events. */
export interface SignalBatch {
  /** Server time the batch was accepted (client clocks are not trusted for decay). */
  at: number;
  sessionId: string;
  events: SignalEvent[];
}

/** An item with its decayed score at the time of asking. */
export interface Scored {
  id: string;
  score: number;
}

const TOP = 500;

export class SignalsDO extends DurableObject<Env> {
  private trendingTop: TopN | undefined;
  private readonly online: OnlineState;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    this.online = new OnlineState(sql, env.MODELS);
    sql.exec(`CREATE TABLE IF NOT EXISTS trending (id TEXT PRIMARY KEY, key REAL NOT NULL)`);
    sql.exec(
      `CREATE TABLE IF NOT EXISTS co (a TEXT NOT NULL, b TEXT NOT NULL, key REAL NOT NULL, PRIMARY KEY (a, b))`,
    );
    sql.exec(
      `CREATE TABLE IF NOT EXISTS exp (experiment TEXT NOT NULL, variant TEXT NOT NULL,
         impressions INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (experiment, variant))`,
    );
  }

  /** Apply one batch: trending, experiment counters and second-stage signals, in one transaction. */
  record(batch: SignalBatch): void {
    const sql = this.ctx.storage.sql;
    const top = this.top();
    this.ctx.storage.transactionSync(() => {
      for (const e of batch.events) {
        if (e.experiment && (e.type === 'impression' || e.type === 'rec_click')) {
          const column = e.type === 'impression' ? 'impressions' : 'clicks';
          sql.exec(
            `INSERT INTO exp (experiment, variant, ${column}) VALUES (?, ?, 1)
             ON CONFLICT (experiment, variant) DO UPDATE SET ${column} = ${column} + 1`,
            e.experiment.name,
            e.experiment.variant,
          );
        }
        const w = EVENT_WEIGHTS[e.type];
        if (!w) continue;
        for (const item of e.items) {
          const key = addWeight(this.key('trending', item), w, batch.at, TRENDING_DECAY);
          sql.exec(`INSERT OR REPLACE INTO trending (id, key) VALUES (?, ?)`, item, key);
          top.offer(item, key);
          this.online.record(batch.sessionId, item, batch.at / 1000);
        }
      }
    });
  }

  /** The `k` most popular items right now (k <= 500), with decayed counts. */
  trending(k: number, at = Date.now()): Scored[] {
    return this.top()
      .top(k)
      .map((r) => ({ id: r.id, score: countAt(r.key, at, TRENDING_DECAY) }));
  }

  /**
   * Second-stage candidates of a session under model `version`: its nearest items plus what the
   * signals add, each with its feature row (one call per recommendation; see online.ts).
   */
  candidates(
    version: string,
    sessionId: string,
    clicks: SessionClick[],
    ann: AnnMatch[],
  ): Promise<CandidateTable> {
    return this.online.candidates(version, sessionId, clicks, ann);
  }

  /** Impressions and clicks per variant of one experiment. */
  experimentCounts(experiment: string): VariantCounts[] {
    return this.ctx.storage.sql
      .exec<{ variant: string; impressions: number; clicks: number }>(
        `SELECT variant, impressions, clicks FROM exp WHERE experiment = ? ORDER BY variant`,
        experiment,
      )
      .toArray();
  }

  private key(table: 'trending', id: string): number {
    const row = this.ctx.storage.sql
      .exec<{ key: number }>(`SELECT key FROM ${table} WHERE id = ?`, id)
      .toArray()[0];
    return row?.key ?? EMPTY_KEY;
  }

  private top(): TopN {
    if (!this.trendingTop) {
      this.trendingTop = new TopN(TOP);
      const rows = this.ctx.storage.sql.exec<{ id: string; key: number }>(
        `SELECT id, key FROM trending ORDER BY key DESC LIMIT ?`,
        TOP,
      );
      for (const r of rows) this.trendingTop.offer(r.id, r.key);
    }
    return this.trendingTop;
  }
}
