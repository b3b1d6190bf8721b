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

/** Add one Queue message's worth of log lines; returns it with its sequence number. */
export function enqueueLog(sql: Sql, lines: LoggedEvent[]): PendingLog {
  const [row] = sql<{
    seq: number;
  }>`INSERT INTO log_outbox (body) VALUES (${JSON.stringify(lines)}) RETURNING seq`;
  return { seq: row.seq, lines };
}

/** Pending messages, oldest first. */
export function pendingLogs(sql: Sql): PendingLog[] {
  return sql<{ seq: number; body: string }>`SELECT seq, body FROM log_outbox ORDER BY seq`.map((row) => ({
    seq: row.seq,
    lines: JSON.parse(row.body) as LoggedEvent[],
  }));
}

/** Forget a message the Queue has accepted. */
export function removeLog(sql: Sql, seq: number): void {
  sql`DELETE FROM log_outbox WHERE seq = ${seq}`;
}
