/**
 * Request-path counters of the report (events accepted / rejected by code, recommendation requests,
 * push subscriptions, the answer-time histogram), summed per isolate and added to D1's
 * `report_traffic` (site, hour, metric) at most every FLUSH_MS, so a busy site costs one small D1
 * batch per isolate every few seconds rather than a write per request. Loss bound: counts an isolate
 * held when it was evicted before its pending write ran (at most FLUSH_MS of its traffic), or whose
 * write failed (logged), are lost; nothing is counted twice.
 */
import { errorFields, log } from '../log.ts';
import { hourOf } from './facts.ts';

/** Longest time increments wait in memory before they are written. */
export const FLUSH_MS = 5_000;

/** What is counted: `events_rejected:<code>` and `latency:<bucket>` carry their detail. */
export type TrafficMetric =
  | 'events_accepted'
  | 'event_batches_accepted'
  | `events_rejected:${string}`
  | 'recommendations'
  | 'push_subscriptions'
  | `latency:${number}`;

const pending = new Map<string, { site: string; hour: number; metric: TrafficMetric; n: number }>();
let lastFlush = 0;
let scheduled = false;

/** Add `n` to `metric` of `site` in the current hour; `waitUntil` keeps the write alive after the answer. */
export function countTraffic(
  db: D1Database,
  waitUntil: (p: Promise<unknown>) => void,
  site: string,
  metric: TrafficMetric,
  n = 1,
): void {
  const hour = hourOf(Date.now());
  const key = `${site}\n${hour}\n${metric}`;
  const entry = pending.get(key) ?? { site, hour, metric, n: 0 };
  entry.n += n;
  pending.set(key, entry);
  if (scheduled) return;
  scheduled = true;
  // The first count after a quiet spell is written at once, later ones with the next write.
  const wait = Math.max(0, lastFlush + FLUSH_MS - Date.now());
  waitUntil(new Promise((resolve) => setTimeout(resolve, wait)).then(() => flushTraffic(db)));
}

/** Write the pending increments now (one batch of upserts); the tests call it to skip the wait. */
export async function flushTraffic(db: D1Database): Promise<void> {
  scheduled = false;
  lastFlush = Date.now();
  const rows = [...pending.values()];
  pending.clear();
  if (rows.length === 0) return;
  const upsert = db.prepare(
    `INSERT INTO report_traffic (site, hour, metric, n) VALUES (?, ?, ?, ?)
     ON CONFLICT (site, hour, metric) DO UPDATE SET n = n + excluded.n`,
  );
  try {
    await db.batch(rows.map((r) => upsert.bind(r.site, r.hour, r.metric, r.n)));
  } catch (err) {
    log('error', 'report traffic counters not written', { rows: rows.length, ...errorFields(err) });
  }
}
