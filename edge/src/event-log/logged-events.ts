/** Turn a session's newly accepted events into event-log lines, honouring consent. */
import type { EventBatch, LoggedEvent, TrackedEvent } from '../../../contracts/schema/events.ts';

/**
 * Log lines for `accepted` events of `batch`, sent under site key `site`: none without analytics
 * consent, and `userId` only with personalization consent (the log must not link a session to a
 * person otherwise). Every line names its site, so one deployment's log splits by shop. `variants`
 * (the session's experiment arms) is recorded on every line when there are any.
 */
export function toLoggedEvents(
  site: string,
  batch: Pick<EventBatch, 'sessionId' | 'userId' | 'consent'>,
  accepted: readonly TrackedEvent[],
  receivedAt: number,
  variants: Readonly<Record<string, string>> = {},
): LoggedEvent[] {
  if (!batch.consent.analytics) return [];
  const userId = batch.consent.personalization ? batch.userId : undefined;
  const arms = Object.keys(variants).length > 0 ? { variants: { ...variants } } : {};
  return accepted.map((event) => ({
    ...event,
    site,
    sessionId: batch.sessionId,
    ...(userId === undefined ? {} : { userId }),
    receivedAt,
    ...arms,
  }));
}
