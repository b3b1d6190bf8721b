/**
 * Events stamped in the future are refused: a client clock may be off by a little, but a `ts` far
 * ahead would sit at the top of a session's order and of trending's recency for as long as it lies.
 */
import type { TrackedEvent } from '../../../contracts/schema/events.ts';

/** How far ahead of the server's clock an event's `ts` may be. */
export const MAX_FUTURE_MS = 5 * 60_000;

/** The index of the first event stamped more than `MAX_FUTURE_MS` after `now`, or -1. */
export function firstFutureEvent(events: readonly Pick<TrackedEvent, 'ts'>[], now: number): number {
  return events.findIndex((e) => e.ts > now + MAX_FUTURE_MS);
}
