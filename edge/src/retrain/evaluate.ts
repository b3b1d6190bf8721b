/**
 * The gate of a retrain run, in two scoring steps and a decision: the candidate (trained without
 * the evaluation slice) and the active model, each as the served pipeline replayed online on the
 * slice (model/src/eval/score-slice.ts), then model/src/eval/gate.ts. Scoring one model is a step
 * of its own: both together can pass a step's 30 s of CPU on a 70k-event log. An active model R2
 * cannot give the vectors of is not replaced unless the run says `publish: force`, as
 * `npm run retrain` without `--active`.
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

/** A scored model (a step result). */
export interface Scored {
  version: string;
  scores: RetrainScores;
}

/** The gate's answer with both models' scores. */
export interface Evaluation extends GateDecision {
  candidate: Scored;
  active?: { version: string; scores?: RetrainScores };
}

/** The denominator of coverage: the catalogue, or the items the log has when there is none. */
export function catalogueSizeOf(
  catalogue: ReadonlyMap<string, unknown>,
  events: readonly SessionEvent[],
): number {
  return catalogue.size || new Set(events.map((e) => e.itemId)).size;
}

/** Score `candidate` (trained on `train`) on `slice`. */
export async function scoreCandidate(
  candidate: TrainedModel,
  train: readonly SessionEvent[],
  slice: readonly SessionEvent[],
  catalogue: ReadonlyMap<string, CatalogueItem>,
  catalogueSize: number,
  createdAt: Date,
): Promise<Scored> {
  const files = artifactsOf(candidate, train, catalogue, createdAt);
  return {
    version: files.manifest.version,
    scores: await scoreSlice(await servedModelOf(files), slice, catalogueSize),
  };
}

/** Score the active model `version` (from its files in R2) on `slice`. */
export async function scoreActive(
  bucket: R2Bucket,
  version: string,
  slice: readonly SessionEvent[],
  catalogueSize: number,
): Promise<Scored> {
  const model = await servedModelOf(await activeFiles(bucket, version));
  return { version, scores: await scoreSlice(model, slice, catalogueSize) };
}

/** The decision from the scores; `active` undefined when nothing serves. */
export function decide(
  candidate: Scored,
  active: ActiveInfo | undefined,
  activeScores: Scored | undefined,
  margin: number,
): Evaluation {
  if (active && !activeScores)
    return {
      decision: 'keep',
      reasons: [`the active model ${active.version} cannot be scored: R2 holds no item vectors of it`],
      margin,
      candidate,
      active: { version: active.version },
    };
  return {
    ...gate(candidate.scores, activeScores?.scores, margin),
    candidate,
    ...(activeScores && { active: activeScores }),
  };
}
