/**
 * A model's gate scores on an evaluation slice: the served pipeline replayed online (each event
 * folded into the signals before the next prediction, replay.ts), HR@k and MRR@k, plus catalogue
 * coverage (distinct items in any top-k list / items in the catalogue). Pure: the retrain CLI scores
 * model folders with it in Node, the retrain Workflow scores artifacts in workerd.
 */
import type { SessionEvent } from '../data/session-event.ts';
import type { ServedModel } from '../serve/pipeline.ts';
import type { GateScores } from './gate.ts';
import { createMetrics } from './metrics.ts';
import { replay } from './replay.ts';
import { servedRecommender } from './served-recommender.ts';

/** Scores of `model` (fresh: the online replay updates its signals) on `events`. */
export async function scoreSlice(
  model: ServedModel,
  events: readonly SessionEvent[],
  catalogueSize: number,
  k = 20,
): Promise<GateScores> {
  const metrics = createMetrics(k);
  const shown = new Set<string>();
  await replay(servedRecommender(model), events, {
    online: true,
    k,
    onPrediction: (p) => {
      metrics.add(p);
      for (const id of p.items) shown.add(id);
    },
  });
  const { hr, mrr, n } = metrics.result();
  return { k, hr, mrr, n, coverage: catalogueSize > 0 ? shown.size / catalogueSize : 0 };
}
