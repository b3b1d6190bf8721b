/**
 * The gate of a retrain run: the candidate (trained without the evaluation slice) and the active
 * model, both as the served pipeline, replayed online on the slice (model/src/eval/score-slice.ts),
 * then model/src/eval/gate.ts. An active model R2 cannot give the vectors of is not replaced unless
 * the run says `publish: force`, as `npm run retrain` without `--active`.
 */
import type { RetrainScores } from '../../../contracts/retrain.ts';
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import { type GateDecision, gate } from '../../../model/src/eval/gate.ts';
import { scoreSlice } from '../../../model/src/eval/score-slice.ts';
import type { TrainedModel } from '../../../model/src/train/train.ts';
import { type ActiveInfo, activeFiles } from './active-model.ts';
import { artifactsOf } from './artifacts-of.ts';
import type { CatalogueItem } from './run-work.ts';
import { servedModelOf } from './served-files.ts';

/** The gate's answer with both models' scores (a step result). */
export interface Evaluation extends GateDecision {
  candidate: { version: string; scores: RetrainScores };
  active?: { version: string; scores?: RetrainScores };
}

/** Score `candidate` (trained on `train`) and the active model on `slice`, and gate. */
export async function evaluateCandidate(
  bucket: R2Bucket,
  candidate: TrainedModel,
  train: readonly SessionEvent[],
  slice: readonly SessionEvent[],
  catalogue: ReadonlyMap<string, CatalogueItem>,
  active: ActiveInfo | undefined,
  margin: number,
  createdAt: Date,
): Promise<Evaluation> {
  const catalogueSize = catalogue.size || new Set([...train, ...slice].map((e) => e.itemId)).size;
  const files = artifactsOf(candidate, train, catalogue, createdAt);
  const candidateScores = await scoreSlice(await servedModelOf(files), slice, catalogueSize);
  const scored = { version: files.manifest.version, scores: candidateScores };
  if (active && !active.scorable) {
    return {
      decision: 'keep',
      reasons: [`the active model ${active.version} cannot be scored: R2 holds no item vectors of it`],
      margin,
      candidate: scored,
      active: { version: active.version },
    };
  }
  const activeScores = active
    ? await scoreSlice(await servedModelOf(await activeFiles(bucket, active.version)), slice, catalogueSize)
    : undefined;
  return {
    ...gate(candidateScores, activeScores, margin),
    candidate: scored,
    ...(active && { active: { version: active.version, scores: activeScores } }),
  };
}
