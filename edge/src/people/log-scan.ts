/**
 * Reading and rewriting the event-log objects of given hours (a person's sessions were received in
 * them): the export collects the person's lines, the erasure rewrites every object holding one.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { keysOf } from '../event-log/export-stream.ts';
import { logPartition } from '../event-log/layout.ts';
import { hourStart } from './interactions.ts';

const decoder = new TextDecoder();
// A rewrite loses a race with another rewrite of the same object (its put is conditional): re-read.
const REWRITE_ATTEMPTS = 4;

/** What an erasure did to the log. */
export interface RewriteOutcome {
  /** Hour partitions looked at. */
  partitions: number;
  objectsRead: number;
  objectsRewritten: number;
  linesRemoved: number;
  /** Hours not looked at yet: over the budget, left to the background rewrite (`erasure-queue.ts`). */
  pendingHours: number[];
}

function linesOf(text: string): { raw: string; event: LoggedEvent | undefined }[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((raw) => {
      try {
        return { raw, event: JSON.parse(raw) as LoggedEvent };
      } catch {
        return { raw, event: undefined }; // a torn line is kept as it is
      }
    });
}

/** Every object key of the partitions of `hours`. */
async function* objectKeys(bucket: R2Bucket, hours: readonly number[]): AsyncGenerator<string> {
  for (const hour of hours) yield* keysOf(bucket, `${logPartition(hourStart(hour))}/`);
}

/** The lines of the partitions of `hours` that `wanted` keeps, in key order. */
export async function collectLines(
  bucket: R2Bucket,
  hours: readonly number[],
  wanted: (line: LoggedEvent) => boolean | Promise<boolean>,
): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = [];
  for await (const key of objectKeys(bucket, hours)) {
    const object = await bucket.get(key);
    if (!object) continue;
    for (const { event } of linesOf(decoder.decode(await object.arrayBuffer())))
      if (event && (await wanted(event))) out.push(event);
  }
  return out;
}

/** Rewrite one object without its erased lines; returns how many went (0: left untouched). */
async function rewriteObject(
  bucket: R2Bucket,
  key: string,
  erased: (line: LoggedEvent) => Promise<boolean>,
): Promise<number> {
  for (let attempt = 0; attempt < REWRITE_ATTEMPTS; attempt++) {
    const object = await bucket.get(key);
    if (!object) return 0;
    let kept = '';
    let removed = 0;
    for (const { raw, event } of linesOf(decoder.decode(await object.arrayBuffer()))) {
      if (event && (await erased(event))) removed++;
      else kept += `${raw}\n`;
    }
    if (removed === 0) return 0;
    const put = await bucket.put(key, kept, {
      onlyIf: { etagMatches: object.etag },
      httpMetadata: { contentType: 'application/x-ndjson' },
    });
    if (put === null) continue; // another rewrite won: read its version
    if (kept === '') await bucket.delete(key);
    return removed;
  }
  throw new Error(`event log object ${key} kept changing during its rewrite`);
}

/**
 * Rewrite every object of the partitions of `hours` without the lines `erased` names, hour by hour,
 * starting no new hour once `budget` objects are read (an hour is never left half done, so a
 * later pass over `pendingHours` completes it).
 */
export async function rewriteLog(
  bucket: R2Bucket,
  hours: readonly number[],
  erased: (line: LoggedEvent) => Promise<boolean>,
  budget = Number.POSITIVE_INFINITY,
): Promise<RewriteOutcome> {
  const outcome: RewriteOutcome = {
    partitions: 0,
    objectsRead: 0,
    objectsRewritten: 0,
    linesRemoved: 0,
    pendingHours: [],
  };
  for (const [i, hour] of hours.entries()) {
    if (outcome.objectsRead >= budget) {
      outcome.pendingHours = hours.slice(i);
      break;
    }
    outcome.partitions++;
    for await (const key of objectKeys(bucket, [hour])) {
      outcome.objectsRead++;
      const removed = await rewriteObject(bucket, key, erased);
      if (removed > 0) {
        outcome.objectsRewritten++;
        outcome.linesRemoved += removed;
      }
    }
  }
  return outcome;
}
