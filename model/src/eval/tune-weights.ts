/**
 * Re-rank weight tuning (hyper-parameters: run it on train.tsv → valid.tsv only): record every
 * prediction's candidate table once, then coordinate ascent on HR@20 + MRR@20 over the blend weights.
 */
import type { SessionEvent } from '../data/session-event.ts';
import { candidateTable, type ServedModel } from '../serve/pipeline.ts';
import { blendScores, type CandidateTable, RERANK_FEATURES, type RerankWeights } from '../serve/rerank.ts';
import { createMetrics } from './metrics.ts';
import { replay } from './replay.ts';

/** One recorded prediction: its candidates and the item that came next. */
export interface RecordedPrediction {
  table: CandidateTable;
  next: string;
}

/** Replay `events` through the model and record each prediction's candidate table. */
export async function recordTables(model: ServedModel, events: readonly SessionEvent[], online: boolean) {
  const out: RecordedPrediction[] = [];
  let last: CandidateTable | undefined;
  await replay(
    {
      name: 'record',
      observe: (e) => model.signals.update(e),
      async recommend(prefix) {
        last = await candidateTable(model, prefix, prefix[0]?.sessionId);
        return [];
      },
    },
    events,
    { online, k: 20, onPrediction: (p) => out.push({ table: last!, next: p.next }) },
  );
  return out;
}

/** HR@k / MRR@k of weights over recorded predictions. */
export function scoreWeights(recorded: readonly RecordedPrediction[], weights: RerankWeights, k = 20) {
  const m = createMetrics(k);
  for (const { table, next } of recorded) {
    const scores = blendScores(table, weights);
    const target = table.ids.indexOf(next);
    if (target < 0) {
      m.addRank(-1);
      continue;
    }
    // Rank of the target = candidates scoring at least as high (ties count against it).
    let rank = 0;
    for (let c = 0; c < scores.length; c++) if (c !== target && scores[c] >= scores[target]) rank++;
    m.addRank(rank);
  }
  return m.result();
}

/** Coordinate ascent from `start`; returns the best weights and their figures. */
export function tuneWeights(recorded: readonly RecordedPrediction[], start: RerankWeights, rounds = 3) {
  const objective = (w: RerankWeights) => {
    const r = scoreWeights(recorded, w);
    return r.hr + r.mrr;
  };
  let best = { ...start };
  let bestScore = objective(best);
  for (let round = 0; round < rounds; round++)
    for (const f of RERANK_FEATURES)
      for (const factor of [0, 0.5, 0.8, 1.25, 2]) {
        const base = best[f] === 0 ? 0.05 : best[f];
        const w = { ...best, [f]: factor === 0 ? 0 : base * factor };
        const s = objective(w);
        if (s > bestScore + 1e-6) {
          best = w;
          bestScore = s;
        }
      }
  return { weights: best, ...scoreWeights(recorded, best) };
}
