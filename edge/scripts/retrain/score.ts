/** Score a model folder on the evaluation slice (model/src/eval/score-slice.ts) in Node. */
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import type { GateScores } from '../../../model/src/eval/gate.ts';
import { scoreSlice } from '../../../model/src/eval/score-slice.ts';
import { loadServedModel } from '../../../model/src/export/model-files.ts';

/** HR@k, MRR@k and coverage of the model in `dir` on `events`; `catalogueSize` is the denominator. */
export async function scoreModel(
  dir: string,
  events: readonly SessionEvent[],
  catalogueSize: number,
  k = 20,
): Promise<GateScores> {
  return scoreSlice(await loadServedModel(dir), events, catalogueSize, k);
}
