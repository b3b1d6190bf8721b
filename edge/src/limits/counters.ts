/**
 * Counters of what the abuse limits refused or kept out, for the report to come: every occurrence
 * is a log line at once (`abuse` field) and an increment of `abuse_counts` in D1 (site, UTC day,
 * reason). Increments are summed in the isolate and written at most every `FLUSH_MS`, so a flood of
 * refusals costs a bounded number of D1 writes; a count an isolate evicted before its write is
 * lost (the log line of each occurrence remains).
 */
import { errorFields, log } from '../log.ts';

/** Why something was counted. */
export type AbuseReason = `rate_limited:${string}` | 'future_ts' | 'bot_user_agent' | 'bot_rate';

/** Longest time increments wait in memory before they are written. */
export const FLUSH_MS = 10_000;

const pending = new Map<string, { site: string; day: string; reason: AbuseReason; n: number }>();
let lastFlush = 0;
let scheduled = false;

/**
 * Count `n` occurrences of `reason` on site `site` with the log line's `fields`; `waitUntil` keeps
 * the D1 write alive after the answer.
 */
export function countAbuse(
  db: D1Database,
  waitUntil: (p: Promise<unknown>) => void,
  site: string,
  reason: AbuseReason,
  fields: Record<string, unknown> = {},
  n = 1,
): void {
  log('warn', 'abuse limit', { abuse: reason, site, n, ...fields });
  const day = new Date().toISOString().slice(0, 10);
  const key = `${site}\n${day}\n${reason}`;
  const entry = pending.get(key) ?? { site, day, reason, n: 0 };
  entry.n += n;
  pending.set(key, entry);
  if (scheduled) return;
  scheduled = true;
  // The first occurrence after a quiet spell is written at once, later ones with the next write.
  const wait = Math.max(0, lastFlush + FLUSH_MS - Date.now());
  waitUntil(new Promise((resolve) => setTimeout(resolve, wait)).then(() => flush(db)));
}

/** Write the pending increments (one batch of upserts). */
async function flush(db: D1Database): Promise<void> {
  scheduled = false;
  lastFlush = Date.now();
  const rows = [...pending.values()];
  pending.clear();
  const upsert = db.prepare(
    `INSERT INTO abuse_counts (site, day, reason, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (site, day, reason) DO UPDATE SET count = count + excluded.count`,
  );
  try {
    await db.batch(rows.map((r) => upsert.bind(r.site, r.day, r.reason, r.n)));
  } catch (err) {
    log('error', 'abuse counters not written', { rows: rows.length, ...errorFields(err) });
  }
}

/** A site's counts on `day` (YYYY-MM-DD, UTC) by reason: what a report reads. */
export async function abuseCounts(
  db: D1Database,
  site: string,
  day: string,
): Promise<Record<string, number>> {
  const { results } = await db
    .prepare('SELECT reason, count FROM abuse_counts WHERE site = ? AND day = ?')
    .bind(site, day)
    .all<{ reason: string; count: number }>();
  return Object.fromEntries(results.map((r) => [r.reason, r.count]));
}
