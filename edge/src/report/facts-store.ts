/**
 * Writes the report's facts to D1 (`CATALOG`, tables of migrations/0004_report.sql). Each table
 * takes its rows as one JSON parameter expanded by `json_each`, so a delivery of thousands of
 * events is a handful of statements in one batch (one transaction), and `INSERT OR IGNORE` on the
 * (site, session, event id) keys makes a redelivered message change nothing: the rollup triggers
 * fire only for rows actually inserted.
 */
import type { ReportFacts } from './facts.ts';
import { hourOf } from './facts.ts';

/** Rows per statement: keeps each JSON parameter well under D1's 2 MB value limit. */
const CHUNK = 2000;

const REC_EVENTS = `INSERT OR IGNORE INTO report_rec_events
  (site, session, event_id, kind, placement, item, ts, hour, experiment, variant)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
         j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9
  FROM json_each(?) AS j`;

const CART_ADDS = `INSERT OR IGNORE INTO report_cart_adds (site, session, event_id, item, ts, hour)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5
  FROM json_each(?) AS j`;

const ORDER_LINES = `INSERT OR IGNORE INTO report_order_lines
  (site, session, event_id, line, item, quantity, revenue_micros, currency, ts, hour)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
         j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9
  FROM json_each(?) AS j`;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** The statements that add `facts` (none when there are none). */
export function factStatements(db: D1Database, facts: ReportFacts): D1PreparedStatement[] {
  const rec = facts.recEvents.map((f) => [
    f.site,
    f.session,
    f.eventId,
    f.kind,
    f.placement,
    f.item,
    f.ts,
    hourOf(f.ts),
    f.experiment,
    f.variant,
  ]);
  const carts = facts.cartAdds.map((f) => [f.site, f.session, f.eventId, f.item, f.ts, hourOf(f.ts)]);
  const lines = facts.orderLines.map((f) => [
    f.site,
    f.session,
    f.eventId,
    f.line,
    f.item,
    f.quantity,
    f.revenueMicros,
    f.currency,
    f.ts,
    hourOf(f.ts),
  ]);
  return [
    ...chunks(rec).map((c) => db.prepare(REC_EVENTS).bind(JSON.stringify(c))),
    ...chunks(carts).map((c) => db.prepare(CART_ADDS).bind(JSON.stringify(c))),
    ...chunks(lines).map((c) => db.prepare(ORDER_LINES).bind(JSON.stringify(c))),
  ];
}

/** Add `facts` in one transaction; throws when D1 refuses (the caller retries the messages). */
export async function writeReportFacts(db: D1Database, facts: ReportFacts): Promise<void> {
  const statements = factStatements(db, facts);
  if (statements.length > 0) await db.batch(statements);
}
