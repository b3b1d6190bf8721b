/** How long a user profile lives after the person's last identified event (PROFILE_TTL_DAYS). */

/** The default retention of a profile: 90 days after the person's last identified event. */
export const DEFAULT_PROFILE_TTL_DAYS = 90;
/** An alarm is moved only when expiry moves by more than this (saves a write on most updates). */
export const PROFILE_ALARM_SLACK_MS = 3_600_000;

/** PROFILE_TTL_DAYS as milliseconds; a missing or invalid value falls back to the default. */
export function profileTtlMs(raw: string | undefined): number {
  const days = Number(raw);
  return (Number.isFinite(days) && days > 0 ? days : DEFAULT_PROFILE_TTL_DAYS) * 86_400_000;
}
