/**
 * When a session's alarm fires: expiry after a period of inactivity, or sooner to retry sending
 * event-log lines the Queue refused.
 */

/** Inactivity after which a session deletes its storage, when SESSION_TTL_MINUTES is unset. */
export const DEFAULT_TTL_MINUTES = 30;
/** Delay before retrying to send pending event-log lines. */
export const LOG_RETRY_MS = 30_000;
/**
 * How far expiry may move before the alarm is moved with it. Saves a storage write on most
 * batches; an alarm that fires early just checks `expires_at` and waits again.
 */
export const ALARM_SLACK_MS = 60_000;

/** SESSION_TTL_MINUTES as milliseconds; a missing or invalid value falls back to the default. */
export function sessionTtlMs(raw: string | undefined): number {
  const minutes = Number(raw);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_TTL_MINUTES) * 60_000;
}

/** Whether an alarm set for `current` (undefined: unknown or none) must move to `expiresAt`. */
export function alarmNeedsMove(current: number | undefined, expiresAt: number): boolean {
  return current === undefined || Math.abs(expiresAt - current) > ALARM_SLACK_MS;
}
