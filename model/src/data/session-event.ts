/** The one row type every data source (TSV files, the edge's event log, the generator) produces. */

/** One click: which session, which item, when (Unix seconds, fractional like the TSV files). */
export interface SessionEvent {
  sessionId: string;
  itemId: string;
  time: number;
}

/** Group events by session, each session's events in time order (stable for equal times). */
export function groupSessions(events: readonly SessionEvent[]): Map<string, SessionEvent[]> {
  const sessions = new Map<string, SessionEvent[]>();
  for (const e of events) {
    const list = sessions.get(e.sessionId);
    if (list) list.push(e);
    else sessions.set(e.sessionId, [e]);
  }
  for (const list of sessions.values()) list.sort((a, b) => a.time - b.time);
  return sessions;
}
