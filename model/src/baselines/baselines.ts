/**
 * The in-project baselines (popularity, item co-occurrence, sequential rules, V-SKNN), all over
 * the same online signals the served pipeline re-ranks with; each fills up with popular items.
 */
import type { SessionEvent } from '../data/session-event.ts';
import type { NextItemRecommender } from '../eval/recommender.ts';
import { ruleScores } from '../serve/rule-scores.ts';
import type { OnlineSignals } from '../serve/signals.ts';
import { sknnScores } from '../serve/sknn.ts';
import { topK, topKDense } from '../serve/top-k.ts';

/** Baseline names, as printed by `eval`. */
export const BASELINE_NAMES = ['popularity', 'cooccurrence', 'sequential-rules', 'vsknn'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** A baseline recommender over `signals` (which it updates in online mode). */
export function createBaseline(name: BaselineName, signals: OnlineSignals): NextItemRecommender {
  const known = (prefix: readonly SessionEvent[]) =>
    prefix.map((e) => signals.index.get(e.itemId)).filter((i) => i !== undefined);
  const score = (prefix: readonly SessionEvent[]): Map<number, number> => {
    const items = known(prefix);
    if (name === 'cooccurrence') return ruleScores(signals.co, items);
    if (name === 'sequential-rules') return ruleScores(signals.seq, items);
    if (name === 'vsknn') return sknnScores(signals, items, prefix[0]?.sessionId);
    return new Map();
  };
  return {
    name,
    observe: (event) => signals.update(event),
    recommend(prefix, k) {
      const popular = topKDense(signals.pop, k);
      return topK(score(prefix), k, popular).map((i) => signals.ids[i]);
    },
  };
}
