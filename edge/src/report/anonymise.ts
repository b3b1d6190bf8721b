/**
 * A person's erasure reaches the report: the facts of their sessions keep counting, so the shop's
 * past totals and experiment results do not change after the fact, but under a random id that
 * links them to no one (the log lines that could re-link them are erased with the person). The
 * hourly rollups hold no session id and stay as they are.
 */
const TABLES_WITH_SESSIONS = [
  'report_rec_events',
  'report_cart_adds',
  'report_order_lines',
  'report_visitor_hours',
] as const;

/** Replace each of `sessionIds` of `site` in the report's facts by a fresh random id. */
export async function anonymiseReportSessions(
  db: D1Database,
  site: string,
  sessionIds: readonly string[],
): Promise<void> {
  const statements = sessionIds.flatMap((sessionId) => {
    const anonymous = `erased-${crypto.randomUUID()}`;
    return TABLES_WITH_SESSIONS.map((table) =>
      db
        .prepare(`UPDATE ${table} SET session = ?1 WHERE site = ?2 AND session = ?3`)
        .bind(anonymous, site, sessionId),
    );
  });
  if (statements.length > 0) await db.batch(statements);
}
