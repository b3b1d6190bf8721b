/**
 * Which accepted events can change this session's answers, so a push is worth sending. Impressions,
 * page views and web vitals cannot: pushing after them made every shown answer count an
 * impression, which pushed a new answer, which counted another (a new answer every 1–2 s on a page
 * left open).
 */
import { BEHAVIOURAL_TYPES, type EventType } from '../../../contracts/event-types.ts';

/** True when one of `events` is something the recommender reads (a view, a click, the cart, …). */
export function worthPushing(events: readonly { type: EventType }[]): boolean {
  return events.some((e) => BEHAVIOURAL_TYPES.has(e.type));
}
