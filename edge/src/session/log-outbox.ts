/**
 * Event-log lines waiting to be sent to the Queue. They are written in the same transaction as
 * the events, so an accepted event reaches the log even if the Queue is down when it arrives
 * (a retried batch is a duplicate and would never be logged otherwise).
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import type { Sql } from './sql.ts';

/** One pending Queue message: the log lines of one accepted batch. */
export interface PendingLog {
  seq: number;
  lines: LoggedEvent[];
}

/**
 * The outbox of one object instance. Its seqs only grow while the instance lives (the sender skips
 * a seq a backlog pass has sent): numbered from memory, after the largest stored one, instead of an
 * AUTOINCREMENT counter (a second row written per batch). After a restart nothing has been sent by
 * this instance, so numbering again after what is left is safe.
 */
export class LogOutbox {
  readonly #sql: Sql;
  #next: number;

  constructor(sql: Sql) {
    this.#sql = sql;
    this.#next = (sql<{ seq: number | null }>`SELECT max(seq) AS seq FROM log_outbox`[0]?.seq ?? 0) + 1;
  }

  /** Add one Queue message's worth of log lines; returns it with its sequence number. */
  enqueue(lines: LoggedEvent[]): PendingLog {
    const seq = this.#next++;
    this.#sql`INSERT INTO log_outbox (seq, body) VALUES (${seq}, ${JSON.stringify(lines)})`;
    return { seq, lines };
  }

  /** Pending messages, oldest first. */
  pending(): PendingLog[] {
    return this.#sql<{ seq: number; body: string }>`SELECT seq, body FROM log_outbox ORDER BY seq`.map(
      (row) => ({ seq: row.seq, lines: JSON.parse(row.body) as LoggedEvent[] }),
    );
  }

  /** Forget a message the Queue has accepted. */
  remove(seq: number): void {
    this.#sql`DELETE FROM log_outbox WHERE seq = ${seq}`;
  }
}
