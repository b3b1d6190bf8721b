/** What the evaluator asks of every pipeline: fold in events (online mode) and rank next items. */
import type { SessionEvent } from '../data/session-event.ts';

/** A next-item recommender over item ids. */
export interface NextItemRecommender {
  readonly name: string;
  /** Fold one event into online state (called only in online replay, in time order). */
  observe(event: SessionEvent): void;
  /** The k most likely next items after `prefix` (one session's events so far, oldest first). */
  recommend(prefix: readonly SessionEvent[], k: number): readonly string[] | Promise<readonly string[]>;
}
