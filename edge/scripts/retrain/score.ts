/**
 * Score a model folder on the evaluation slice the way `npm run model -- eval` scores the served
 * pipeline in online mode (replay.ts: each event folded into the signals before the next
 * prediction), plus catalogue coverage: distinct items in any top-k list / items in the catalogue.
 */
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import type { GateScores } from '../../../model/src/eval/gate.ts';
import { createMetrics } from '../../../model/src/eval/metrics.ts';
import { replay } from '../../../model/src/eval/replay.ts';
import { servedRecommender } from '../../../model/src/eval/served-recommender.ts';
import { loadServedModel } from '../../../model/src/export/model-files.ts';

/** HR@k, MRR@k and coverage of the model in `dir` on `events`; `catalogueSize` is the denominator. */
export async function scoreModel(
  dir: string,
  events: readonly SessionEvent[],
  catalogueSize: number,
  k = 20,
): Promise<GateScores> {
  const model = await loadServedModel(dir); // fresh: online replay updates its signals
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
