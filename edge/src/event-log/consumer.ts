/**
 * The Queue consumer: writes each delivery of log messages to R2 as one NDJSON object per hour
 * partition and, given a report sink, the report's facts to D1. A message is acked only once every
 * line it carried is in R2 and its facts are in D1; otherwise it is retried (at-least-once: a line
 * may appear twice in R2 after a retry, readers dedupe by event id; D1 ignores facts it holds). With
 * `db`, lines of a person or session erased while they were in flight are dropped
 * (people/drop-erased.ts), from the log and the report alike.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { errorFields, log } from '../log.ts';
import { erasedLines } from '../people/drop-erased.ts';
import type { ReportSink } from '../report/sink.ts';
import { logObjectKey, logPartition, toNdjson } from './layout.ts';

const HOUR_MS = 3_600_000;

/** Write a batch of log messages (each a `LoggedEvent[]`) to `bucket` (and `report`), acking or retrying each. */
export async function writeEventLog(
  batch: MessageBatch<unknown>,
  bucket: R2Bucket,
  db?: D1Database,
  report?: ReportSink,
): Promise<void> {
  // A failed tombstone read throws: the whole delivery is retried, nothing erased slips through.
  const erased = db
    ? await erasedLines(
        db,
        batch.messages.flatMap((m) => (Array.isArray(m.body) ? m.body : [])),
      )
    : undefined;
  const all: LoggedEvent[] = [];
  const partitions = new Map<string, { lines: LoggedEvent[]; messages: Set<Message<unknown>> }>();
  const partitionOfHour = new Map<number, string>(); // formatting a date per line shows in profiles
  for (const msg of batch.messages) {
    if (!Array.isArray(msg.body)) {
      // Only our Durable Object produces these; a malformed one can never be written, so drop it loudly.
      log('error', 'event log message is not an array; dropped', { id: msg.id, queue: batch.queue });
      msg.ack();
      continue;
    }
    let kept = 0;
    for (const line of msg.body as LoggedEvent[]) {
      if (erased?.has(line)) continue;
      kept++;
      all.push(line);
      const hour = Math.floor(line.receivedAt / HOUR_MS);
      const key = partitionOfHour.get(hour) ?? logPartition(line.receivedAt);
      partitionOfHour.set(hour, key);
      const part = partitions.get(key) ?? { lines: [], messages: new Set() };
      part.lines.push(line);
      part.messages.add(msg);
      partitions.set(key, part);
    }
    if (kept === 0) msg.ack(); // empty, or every line erased: nothing to write
  }
  const failed = new Set<Message<unknown>>();
  const writtenAt = Date.now();
  const facts = report?.write(all).catch((err) => {
    log('error', 'report facts not written; retrying the delivery', errorFields(err));
    for (const part of partitions.values()) for (const msg of part.messages) failed.add(msg);
  });
  await Promise.all([
    facts,
    ...[...partitions].map(async ([partition, { lines, messages }]) => {
      const key = logObjectKey(partition, writtenAt, crypto.randomUUID());
      try {
        await bucket.put(key, toNdjson(lines), { httpMetadata: { contentType: 'application/x-ndjson' } });
      } catch (err) {
        log('error', 'event log write failed; retrying its messages', { key, ...errorFields(err) });
        for (const msg of messages) failed.add(msg);
      }
    }),
  ]);
  for (const part of partitions.values()) {
    for (const msg of part.messages) {
      if (failed.has(msg)) msg.retry();
      else msg.ack();
    }
  }
}
