/**
 * How broad a session may be and still count as a shopper. A crawler at a human pace passes the
 * edge's bot rules (user agent, rate) but walks the catalogue: past this many distinct items its
 * clicks teach neither the signals (`OnlineSignals`) nor the towers (training examples).
 * No YooChoose training session reaches 40 distinct items.
 */
import type { SessionEvent } from './session-event.ts';

export const MAX_SESSION_ITEMS = 100;

/** The clicks of a session that count: up to the one that takes it past `max` distinct items. */
export function countedClicks(
  session: readonly SessionEvent[],
  max = MAX_SESSION_ITEMS,
): readonly SessionEvent[] {
  const seen = new Set<string>();
  for (let i = 0; i < session.length; i++) {
    if (seen.size > max) return session.slice(0, i);
    seen.add(session[i].itemId);
  }
  return session;
}
