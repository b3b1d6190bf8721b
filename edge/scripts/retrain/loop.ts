/**
 * The retrain loop without the network: log file → split → candidate → gate → refit. `retrain.ts`
 * wraps it with the download, the catalogue and the publish; `bench/retrain.ts` runs it alone on
 * generated logs to measure time and memory.
 */
import { join } from 'node:path';
import { InputError, loadEvents } from '../../../model/src/cli/load-input.ts';
import { trainModelFolder } from '../../../model/src/cli/train-model.ts';
import { type GateDecision, type GateScores, gate } from '../../../model/src/eval/gate.ts';
import { type Outcome, outcomeOf } from '../../../model/src/retrain/outcome.ts';
import { splitNewest } from '../../../model/src/retrain/split.ts';
import type { Checkpoint } from '../../../model/src/train/checkpoint.ts';
import type { ItemFeatures } from '../../../model/src/train/item-features.ts';
import type { PublishMode } from './options.ts';
import { scoreModel } from './score.ts';

/** Inputs of one loop. */
export interface LoopInput {
  logFile: string;
  /** Scratch folder (the candidate is written there). */
  work: string;
  out: string;
  features: ReadonlyMap<string, ItemFeatures>;
  /** The active model, when there is one; `dir` undefined when it cannot be scored. */
  active?: { version: string; dir: string | undefined };
  publish: PublishMode;
  margin: number;
  evalFraction: number;
  epochs?: number;
  maxBadLines: number;
  /** Start both trainings from these weights (warm start). */
  warm?: Checkpoint;
  log: (line: string) => void;
}

/** What the loop decided and measured. */
export interface LoopResult {
  verdict: GateDecision;
  outcome: Outcome;
  candidate: { version: string; scores: GateScores };
  activeScores?: GateScores;
  /** Version refit on the whole range into `out` (when the gate passed or was forced). */
  refit?: string;
  slice: { cut: string; fraction: number; trainEvents: number; evalEvents: number };
}

/** Run the loop; throws InputError when the log cannot be used. */
export async function retrainLoop(input: LoopInput): Promise<LoopResult> {
  const { log, features, active } = input;
  const events = loadEvents([input.logFile], input.maxBadLines, log);
  const split = splitNewest(events, input.evalFraction);
  if (split.train.length === 0 || split.evaluation.length === 0)
    throw new InputError(
      `the log of the range cannot be split: ${split.train.length} training and ${split.evaluation.length} evaluation events`,
    );
  log(
    `evaluation slice: sessions from ${new Date(split.cut * 1000).toISOString()} (${split.evaluation.length} events); training on ${split.train.length}`,
  );
  const options = input.epochs === undefined ? {} : { epochs: input.epochs };
  const train = (evs: typeof events, out: string) =>
    trainModelFolder({ events: evs, sources: ['admin-log'], out, features, options, warm: input.warm, log });
  const candidateDir = join(input.work, 'candidate');
  const candidate = train(split.train, candidateDir);
  const catalogueSize = features.size || new Set(events.map((e) => e.itemId)).size;
  const candidateScores = await scoreModel(candidateDir, split.evaluation, catalogueSize);
  const activeScores = active?.dir
    ? await scoreModel(active.dir, split.evaluation, catalogueSize)
    : undefined;
  const verdict: GateDecision =
    active && !active.dir
      ? {
          decision: 'keep',
          reasons: ['the active model was not evaluated (no --active folder)'],
          margin: input.margin,
        }
      : gate(candidateScores, activeScores, input.margin);
  const outcome = outcomeOf(verdict, input.publish);
  let refit: string | undefined;
  if (outcome.refit) {
    log('gate passed (or forced): refitting on the whole range');
    refit = train(events, input.out).manifest.version;
  }
  return {
    verdict,
    outcome,
    candidate: { version: candidate.manifest.version, scores: candidateScores },
    activeScores,
    refit,
    slice: {
      cut: new Date(split.cut * 1000).toISOString(),
      fraction: input.evalFraction,
      trainEvents: split.train.length,
      evalEvents: split.evaluation.length,
    },
  };
}
