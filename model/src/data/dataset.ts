/** Summary of a set of events (what the manifest records about its training data). */
import type { SessionEvent } from './session-event.ts';

/** Counts and time range of a set of events. */
export interface DataSummary {
  events: number;
  sessions: number;
  items: number;
  firstTime: number;
  lastTime: number;
}

/** Summarise events. */
export function summarize(events: readonly SessionEvent[]): DataSummary {
  let firstTime = Infinity;
  let lastTime = -Infinity;
  const sessions = new Set<string>();
  const items = new Set<string>();
  for (const e of events) {
    sessions.add(e.sessionId);
    items.add(e.itemId);
    firstTime = Math.min(firstTime, e.time);
    lastTime = Math.max(lastTime, e.time);
  }
  return {
    events: events.length,
    sessions: sessions.size,
    items: items.size,
    firstTime: events.length ? firstTime : 0,
    lastTime: events.length ? lastTime : 0,
  };
}
