/**
 * Online replay as a per-isolate signals replica sees it: every event reaches the recommender's
 * online signals only `delaySec` after it happened (the replica's staleness bound), its own session's
 * events included; the prefix a prediction is made from stays current (the session object holds it).
 */
import type { SessionEvent } from '../data/session-event.ts';
import type { NextItemRecommender } from './recommender.ts';

/** Wrap `inner` so that `observe` folds each event in once the replay's clock is `delaySec` past it. */
export function withDelayedSignals(inner: NextItemRecommender, delaySec: number): NextItemRecommender {
  const queue: SessionEvent[] = [];
  let head = 0;
  return {
    name: `${inner.name} (signals ${delaySec} s late)`,
    observe(event) {
      // Replay observes in time order, so the queue is ordered by time too.
      queue.push(event);
      while (head < queue.length && queue[head]!.time <= event.time - delaySec) inner.observe(queue[head++]!);
      if (head > 4096) {
        queue.splice(0, head);
        head = 0;
      }
    },
    recommend: (prefix, k) => inner.recommend(prefix, k),
  };
}
