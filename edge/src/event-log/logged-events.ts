/** Turn a session's newly accepted events into event-log lines, honouring consent. */
import type { EventBatch, LoggedEvent, TrackedEvent } from '../contracts/events.ts';

/**
 * Log lines for `accepted` events of `batch`: none without analytics consent, and `userId` only
 * with personalization consent (the log must not link a session to a person otherwise).
 */
export function toLoggedEvents(
  batch: Pick<EventBatch, 'sessionId' | 'userId' | 'consent'>,
  accepted: readonly TrackedEvent[],
  receivedAt: number,
): LoggedEvent[] {
  if (!batch.consent.analytics) return [];
  const userId = batch.consent.personalization ? batch.userId : undefined;
  return accepted.map((event) => ({
    ...event,
    sessionId: batch.sessionId,
    ...(userId === undefined ? {} : { userId }),
    receivedAt,
  }));
}
