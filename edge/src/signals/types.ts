/** What crosses between a session object, the site's signal shards and the per-isolate replicas. */
import type { EventType } from '../../../contracts/event-types.ts';
import type { Ranked } from './top-n.ts';

/** One event as the signals see it. */
export interface SignalEvent {
  type: EventType;
  items: string[];
  /** For impressions and recommendation clicks: the experiment arm of the answer they refer to. */
  experiment?: { name: string; variant: string };
}

/** A batch of one session's accepted events. */
export interface SignalBatch {
  /** Server time the batch was accepted (client clocks are not trusted for decay). */
  at: number;
  sessionId: string;
  events: SignalEvent[];
}

/** An item with its decayed score at the time of asking. */
export interface Scored {
  id: string;
  score: number;
}

/** One journaled item interaction (time in Unix seconds), in the shard's write order `seq`. */
export interface JournalClick {
  seq: number;
  session: string;
  item: string;
  time: number;
}

/** What a shard has written after a cursor: one page of its journal and the trending keys it moved. */
export interface ShardChanges {
  /** Pass back as `since` for the next page; the shard's latest seq when `more` is false. */
  cursor: number;
  clicks: JournalClick[];
  /** Absolute keys (decay.ts) of items the page moved; from `since` 0, the shard's top items. */
  trending: Ranked[];
  more: boolean;
}
