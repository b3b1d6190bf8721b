/**
 * What an event path changed: the file's events against what came back (e.g. out of the event log),
 * session by session in time order, so a bench can say what a round trip lost, added or moved.
 */
import { groupSessions, type SessionEvent } from '../../model/src/data/session-event.ts';

/** Counts of what differs; `sessionOf` maps a returned session id back to the file's. */
export function compareEvents(
  file: readonly SessionEvent[],
  back: readonly SessionEvent[],
  sessionOf: (id: string) => string = (id) => id,
) {
  const want = groupSessions(file);
  const got = groupSessions(back.map((e) => ({ ...e, sessionId: sessionOf(e.sessionId) })));
  let missingSessions = 0;
  let sessionsWithOtherItems = 0;
  let maxTimeDifferenceMs = 0;
  for (const [id, events] of want) {
    const other = got.get(id);
    if (!other) {
      missingSessions++;
      continue;
    }
    const same = other.length === events.length && other.every((e, i) => e.itemId === events[i]!.itemId);
    if (!same) sessionsWithOtherItems++;
    else
      for (let i = 0; i < events.length; i++)
        maxTimeDifferenceMs = Math.max(
          maxTimeDifferenceMs,
          Math.abs(other[i]!.time - events[i]!.time) * 1000,
        );
  }
  return {
    fileEvents: file.length,
    returnedEvents: back.length,
    fileSessions: want.size,
    returnedSessions: got.size,
    missingSessions,
    extraSessions: [...got.keys()].filter((id) => !want.has(id)).length,
    sessionsWithOtherItems,
    maxTimeDifferenceMs: Math.round(maxTimeDifferenceMs * 1000) / 1000,
  };
}
