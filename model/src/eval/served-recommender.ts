/** The served pipeline as an evaluator recommender: online mode feeds events to its signals. */
import { recommend, type ServedModel, sessionInput } from '../serve/pipeline.ts';
import type { NextItemRecommender } from './recommender.ts';

/** Wrap a served model (its signals are updated in online replay, so load a fresh one per run). */
export function servedRecommender(model: ServedModel, name = 'served'): NextItemRecommender {
  return {
    name,
    observe: (event) => model.signals.update(event),
    async recommend(prefix, k) {
      return (await recommend(model, prefix, k, prefix[0]?.sessionId)).map((s) => s.id);
    },
  };
}

/** The int8 tower and nearest-item lookup alone (retrieval without re-rank), for comparison. */
export function towerOnlyRecommender(model: ServedModel): NextItemRecommender {
  return {
    name: 'tower-only',
    observe: () => {},
    async recommend(prefix, k) {
      const vector = await model.runner.run(sessionInput(model, prefix));
      const { matches } = await model.vectors.query(vector, { topK: k });
      return matches.map((m) => m.id);
    },
  };
}
