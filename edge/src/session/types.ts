/** What the Session Durable Object answers over RPC. */
import type { Consent } from '../../../contracts/schema/events.ts';
import type { LimitRefusal } from '../limits/check.ts';
import type { ItemEvent, SessionAggregates } from './aggregates.ts';
import type { StoredEvent } from './event-store.ts';

/** Outcome of `ingest`: new events stored, and events whose id was already stored. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** What an ingest may also be told about the request: the client address, for new sessions. */
export interface IngestOptions {
  ip?: string;
  /** The request's user agent names a bot (`limits/bots.ts`). */
  botUserAgent?: boolean;
}

/** `ingest`'s answer: stored, or refused before anything was (a new session over its limit). */
export type IngestOutcome = IngestResult | { refused: LimitRefusal };

/** A session's stored state, for the admin route: events in order and aggregates. */
export interface SessionSnapshot {
  /** The site key the session belongs to. */
  site: string;
  sessionId: string;
  /** Only kept with personalization consent. */
  userId?: string;
  /** Consent of the latest batch. */
  consent: Consent;
  events: StoredEvent[];
  aggregates: SessionAggregates;
  /** When the session deletes itself unless more events arrive, ms since the epoch. */
  expiresAt: number;
}

/** What a recommender needs of a session: its recent item interactions and aggregates. */
export interface SessionContext {
  recent: ItemEvent[];
  aggregates: SessionAggregates;
}

/** Whom a session belongs to (with personalization consent) and the UTC hours its events came in. */
export interface SessionIdentity {
  userId?: string;
  hours: number[];
}

/** Outcome of `erase`: `existed` is false when there was nothing stored. */
export interface EraseResult {
  erased: true;
  existed: boolean;
}
