/**
 * Store one validated batch in a session's SQLite, applying consent: what is kept about the
 * person, which events are new, and which log lines are owed to the event log. Runs inside the
 * caller's transaction.
 */
import type { Consent, EventBatch, TrackedEvent } from '../../../contracts/schema/events.ts';
import { toLoggedEvents } from '../event-log/logged-events.ts';
import { type EventStore, stripProps } from './event-store.ts';
import type { LogOutbox, PendingLog } from './log-outbox.ts';
import type { SessionMeta } from './meta.ts';
import type { Sql } from './sql.ts';

/** New events stored, and the outbox message owed to the log (none without analytics consent). */
export interface StoredBatch {
  accepted: number;
  /** The new events themselves (the recommender's online signals read them). */
  fresh: TrackedEvent[];
  outgoing?: PendingLog;
}

/** The session's storage an ingest writes through. */
export interface SessionStorage {
  sql: Sql;
  meta: SessionMeta;
  events: EventStore;
  outbox: LogOutbox;
}

/**
 * Store `batch` of site `site` received at `receivedAt` (ms); ids already stored are skipped.
 * `variants` (the session's experiment arms) is recorded on its log lines; `log: false` (a bot)
 * writes none.
 */
export function storeBatch(
  { sql, meta, events, outbox }: SessionStorage,
  site: string,
  batch: EventBatch,
  receivedAt: number,
  variants: Readonly<Record<string, string>> = {},
  log = true,
): StoredBatch {
  const previous = JSON.parse(meta.get('consent') ?? 'null') as Consent | null;
  meta.set('site', site);
  meta.set('session_id', batch.sessionId);
  meta.set('consent', JSON.stringify(batch.consent));
  const personalization = batch.consent.personalization;
  if (personalization) {
    if (batch.userId !== undefined) meta.set('user_id', batch.userId);
  } else {
    // Withdrawn (or never given): forget what links the session to a person, and their history.
    meta.delete('user_id');
    meta.delete('profile_user');
    meta.delete('history');
    if (previous?.personalization !== false) stripProps(sql);
  }
  const accepted = events.insert(batch.events, { receivedAt, keepProps: personalization });
  const lines = log ? toLoggedEvents(site, batch, accepted, receivedAt, variants) : [];
  return lines.length > 0
    ? { accepted: accepted.length, fresh: accepted, outgoing: outbox.enqueue(lines) }
    : { accepted: accepted.length, fresh: accepted };
}
