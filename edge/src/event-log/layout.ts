/**
 * Where the event log lives in R2: `events/dt=YYYY-MM-DD/hr=HH/<unique>.ndjson`, partitioned by
 * the UTC hour the server *received* the batch (`receivedAt`), not the client's event time: late
 * or retried batches and skewed client clocks then never rewrite an hour already closed, so an
 * hour is complete once it is over. Each line keeps the event's own `ts`.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';

/** The key prefix of the hour containing `ms` (UTC), e.g. `events/dt=2026-04-26/hr=09`. */
export function logPartition(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-04-26T09:15:00.000Z
  return `events/dt=${iso.slice(0, 10)}/hr=${iso.slice(11, 13)}`;
}

/** A unique object key in `partition`; starts with the time so keys list in write order. */
export function logObjectKey(partition: string, writtenAt: number, unique: string): string {
  return `${partition}/${writtenAt}-${unique}.ndjson`;
}

/** Events as NDJSON: one JSON object per line, newline-terminated. */
export function toNdjson(events: readonly LoggedEvent[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}
