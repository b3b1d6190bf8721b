/**
 * Audit retention: entries older than AUDIT_RETENTION_DAYS (default 365) are deleted by the
 * scheduled handler, at most PRUNE_BATCH a run (every minute), oldest first through the `at`
 * index, so a run reads only the rows it deletes and a backlog drains in bounded steps.
 */

/** Days an audit entry is kept when AUDIT_RETENTION_DAYS is unset or not a positive number. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
/** Most entries one run deletes (1.44 M a day at one run a minute). */
export const PRUNE_BATCH = 1_000;

const DAY_MS = 86_400_000;

/** The retention in ms that `raw` (AUDIT_RETENTION_DAYS) sets. */
export function auditRetentionMs(raw: string | undefined): number {
  const days = Number(raw);
  return (Number.isFinite(days) && days > 0 ? days : DEFAULT_AUDIT_RETENTION_DAYS) * DAY_MS;
}

/** Delete up to PRUNE_BATCH entries written before `now - retention`; how many were deleted. */
export async function pruneAudit(db: D1Database, now: number, retentionMs: number): Promise<number> {
  const result = await db
    .prepare(
      `DELETE FROM audit_log WHERE seq IN
         (SELECT seq FROM audit_log WHERE at < ? ORDER BY at LIMIT ?)`,
    )
    .bind(now - retentionMs, PRUNE_BATCH)
    .run();
  return result.meta.changes;
}
