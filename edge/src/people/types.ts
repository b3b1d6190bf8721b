/** What the user profile Durable Object takes and answers over RPC. */
import type { EventType } from '../../../contracts/event-types.ts';
import type { ItemEvent } from '../session/aggregates.ts';

/** One item interaction kept by a profile; `key` (`<event id>:<n>`) dedupes re-sent events. */
export interface ProfileInteraction extends ItemEvent {
  key: string;
  sessionId: string;
  type: EventType;
}

/** A session linked to the profile, and the UTC hours (ms / 3.6e6) its events were received in. */
export interface LinkedSession {
  sessionId: string;
  /** Hour numbers: the event-log partitions that may hold its lines. */
  hours: number[];
  firstAt: number;
  lastAt: number;
}

/** A session's update of its person's profile. */
export interface ProfileUpdate {
  site: string;
  userId: string;
  sessionId: string;
  interactions: ProfileInteraction[];
  hours: number[];
  at: number;
}

/** Everything a profile holds, for the person's export. */
export interface ProfileSnapshot {
  site: string;
  userId: string;
  interactions: ProfileInteraction[];
  sessions: LinkedSession[];
  updatedAt: number;
  /** When the profile deletes itself unless the person comes back, ms since the epoch. */
  expiresAt: number;
}
