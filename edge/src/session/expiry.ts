/**
 * When a session's alarm should fire and why: expiry after a period of inactivity, or sooner to
 * retry sending event-log lines the Queue refused.
 */

/** Inactivity after which a session deletes its storage, when SESSION_TTL_MINUTES is unset. */
export const DEFAULT_TTL_MINUTES = 30;
/** Delay before retrying to send pending event-log lines. */
export const LOG_RETRY_MS = 30_000;

/** SESSION_TTL_MINUTES as milliseconds; a missing or invalid value falls back to the default. */
export function sessionTtlMs(raw: string | undefined): number {
  const minutes = Number(raw);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_TTL_MINUTES) * 60_000;
}

/** When the next alarm fires: a log retry while lines are pending (expiry waits for them), else expiry. */
export function nextAlarmAt({
  now,
  expiresAt,
  logPending,
}: {
  now: number;
  expiresAt: number;
  logPending: boolean;
}): number {
  return logPending ? now + LOG_RETRY_MS : expiresAt;
}
