/**
 * The evaluation split of a retrain: the newest `fraction` of the range's time span is the slice
 * the candidate is judged on and never trains on. Whole sessions move: a session belongs to the
 * slice when its first event is at or after the cut, so no session is half in both parts.
 */
import { groupSessions, type SessionEvent } from '../data/session-event.ts';

/** The newest share of a range judged unless told otherwise (`--eval-fraction`, a run's `evalFraction`). */
export const DEFAULT_EVAL_FRACTION = 0.1;

/** Training events, evaluation events and the cut (Unix seconds, like `SessionEvent.time`). */
export interface Split {
  train: SessionEvent[];
  evaluation: SessionEvent[];
  cut: number;
}

/** Split `events` at `fraction` of their time span from its end. */
export function splitNewest(events: readonly SessionEvent[], fraction: number): Split {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.time < min) min = e.time;
    if (e.time > max) max = e.time;
  }
  const cut = max - (max - min) * fraction;
  const train: SessionEvent[] = [];
  const evaluation: SessionEvent[] = [];
  for (const session of groupSessions(events).values()) {
    const part = session[0].time >= cut ? evaluation : train;
    for (const e of session) part.push(e);
  }
  return { train, evaluation, cut };
}
