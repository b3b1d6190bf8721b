/**
 * The evaluation protocol (session-rec / SR-GNN): for every session and every prefix, predict the
 * next item. Static mode predicts session by session; online mode replays all events in time order,
 * folding each into the recommender before predicting from it, so a prediction after event i uses
 * only events at or before its time (ties broken by session id and position — never by file order,
 * so removing later events cannot change earlier predictions). The item being predicted is always
 * later in that order, so it is never seen.
 */
import { groupSessions, type SessionEvent } from '../data/session-event.ts';
import type { NextItemRecommender } from './recommender.ts';

/** One prediction: the session, how many events were seen, the ranked items and the true next item. */
export interface Prediction {
  sessionId: string;
  seen: number;
  items: readonly string[];
  next: string;
}

/** Every (session, position) of `events` in replay order. */
export function replayOrder(
  sessions: Map<string, SessionEvent[]>,
): { session: SessionEvent[]; at: number }[] {
  const steps: { session: SessionEvent[]; at: number }[] = [];
  for (const session of sessions.values())
    for (let at = 0; at < session.length; at++) steps.push({ session, at });
  const key = (s: { session: SessionEvent[]; at: number }) => s.session[s.at];
  return steps.sort((a, b) => {
    const ea = key(a);
    const eb = key(b);
    if (ea.time !== eb.time) return ea.time - eb.time;
    if (ea.sessionId !== eb.sessionId) return ea.sessionId < eb.sessionId ? -1 : 1;
    return a.at - b.at;
  });
}

/** Run the protocol; calls `onPrediction` for each prediction in the order they are made. */
export async function replay(
  recommender: NextItemRecommender,
  events: readonly SessionEvent[],
  { online, k, onPrediction }: { online: boolean; k: number; onPrediction: (p: Prediction) => void },
): Promise<void> {
  const sessions = groupSessions(events);
  const steps = online
    ? replayOrder(sessions)
    : [...sessions.values()].flatMap((session) => session.map((_, at) => ({ session, at })));
  for (const { session, at } of steps) {
    if (online) recommender.observe(session[at]);
    if (at === session.length - 1) continue;
    const prefix = session.slice(0, at + 1);
    const items = await recommender.recommend(prefix, k);
    onPrediction({ sessionId: session[0].sessionId, seen: at + 1, items, next: session[at + 1].itemId });
  }
}
