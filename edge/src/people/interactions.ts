/**
 * What a session hands its person's profile: its item interactions (behavioural events only, as
 * the tower reads them) and the log partitions (UTC hours) its events were received in.
 */
import { BEHAVIOURAL_TYPES } from '../../../contracts/event-types.ts';
import type { ItemEvent } from '../session/aggregates.ts';
import type { ProfileInteraction } from './types.ts';

const HOUR_MS = 3_600_000;

/** The interactions of `events` (each with its id and items) of session `sessionId`. */
export function interactionsOf(
  sessionId: string,
  events: readonly { id: string; type: ItemEvent['type']; ts: number; items: readonly string[] }[],
): ProfileInteraction[] {
  const out: ProfileInteraction[] = [];
  for (const e of events) {
    if (!BEHAVIOURAL_TYPES.has(e.type)) continue;
    e.items.forEach((itemId, n) => {
      out.push({ key: `${e.id}:${n}`, sessionId, itemId, type: e.type, ts: e.ts });
    });
  }
  return out;
}

/** The distinct UTC hour numbers of `times` (ms), ascending. */
export function hoursOf(times: readonly number[]): number[] {
  return [...new Set(times.map((t) => Math.floor(t / HOUR_MS)))].sort((a, b) => a - b);
}

/** The log partition's first instant of hour number `hour`. */
export const hourStart = (hour: number): number => hour * HOUR_MS;

/**
 * A returning person's history in front of the session's own recent interactions, oldest first,
 * at most `limit`: the tower then reads the person's last items until the session has its own.
 */
export function withHistory(
  history: readonly ItemEvent[],
  own: readonly ItemEvent[],
  limit: number,
): ItemEvent[] {
  if (history.length === 0) return [...own];
  return [...history, ...own].slice(-limit);
}
