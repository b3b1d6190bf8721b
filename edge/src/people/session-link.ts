/**
 * The session's side of a returning visitor: what it sends its person's profile after a batch, and
 * the history it keeps from the answer (meta `history`), which its recommendations read. The first
 * update for a user sends every stored event, so logging in mid-session merges the anonymous part
 * of the session into the profile; later ones send only the new events.
 */
import { itemsOf, type TrackedEvent } from '../../../contracts/schema/events.ts';
import type { ItemEvent } from '../session/aggregates.ts';
import { listEvents } from '../session/event-store.ts';
import type { SessionMeta } from '../session/meta.ts';
import type { Sql } from '../session/sql.ts';
import { hoursOf, interactionsOf } from './interactions.ts';
import type { ProfileUpdate } from './types.ts';

/** The distinct UTC hours the session's events were received in (its event-log partitions). */
export function sessionHours(sql: Sql): number[] {
  return sql<{
    h: number;
  }>`SELECT DISTINCT CAST(received_at / 3600000 AS INTEGER) AS h FROM batches ORDER BY h`.map((r) => r.h);
}

/**
 * The profile update owed after storing `fresh` at `at`, or undefined: only a session with a user
 * id (kept only with personalization consent, store-batch.ts) updates a profile.
 */
export function profileUpdateOf(
  sql: Sql,
  meta: SessionMeta,
  site: string,
  sessionId: string,
  fresh: readonly TrackedEvent[],
  at: number,
): ProfileUpdate | undefined {
  const userId = meta.get('user_id');
  if (userId === undefined) return undefined;
  if (meta.get('profile_user') !== userId) {
    // First update for this person: the whole session so far (merge on login).
    const interactions = interactionsOf(sessionId, listEvents(sql));
    return { site, userId, sessionId, interactions, hours: sessionHours(sql), at };
  }
  if (fresh.length === 0) return undefined;
  const events = fresh.map((e) => ({ id: e.id, type: e.type, ts: e.ts, items: itemsOf(e) }));
  return {
    site,
    userId,
    sessionId,
    interactions: interactionsOf(sessionId, events),
    hours: hoursOf([at]),
    at,
  };
}

/** Keep the profile's answer, unless the session's person changed or was forgotten meanwhile. */
export function keepHistory(meta: SessionMeta, userId: string, history: readonly ItemEvent[]): void {
  if (meta.get('user_id') !== userId) return;
  meta.set('profile_user', userId);
  meta.set('history', JSON.stringify(history));
}

/** The person's history the session keeps, oldest first (empty for an anonymous session). */
export function historyOf(meta: SessionMeta): ItemEvent[] {
  const raw = meta.get('history');
  return raw === undefined ? [] : (JSON.parse(raw) as ItemEvent[]);
}
