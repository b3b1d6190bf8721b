/**
 * One epoch of a retrain's training per Workflow step: the paused training is read from the run's
 * scratch space, runs one epoch and is written back, so a step stays within a step's CPU limit and
 * a retried step starts again from the last epoch done. The same events, options and catalogue
 * give the same item rows every step (startTraining), hence the same model as one uninterrupted run.
 */
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import type { Checkpoint } from '../../../model/src/train/checkpoint.ts';
import type { ItemFeatures } from '../../../model/src/train/item-features.ts';
import { startTraining, type TrainedModel, type TrainOptions } from '../../../model/src/train/train.ts';
import { decodeTrainingState, encodeTrainingState } from '../../../model/src/train/train-state.ts';
import type { RunWork, TrainingName } from './run-work.ts';

/** What both trainings of a run share. */
export interface TrainingInput {
  events: readonly SessionEvent[];
  features: ReadonlyMap<string, ItemFeatures>;
  options: Partial<TrainOptions> & { epochs: number };
  /** The active model's weights (first epoch only; later ones resume). */
  warm?: Checkpoint;
}

/** Progress of one step. */
export interface EpochDone {
  epoch: number;
  epochs: number;
  loss: number;
}

/**
 * Run epoch `epoch` of training `name`. Idempotent: when the stored state is already past `epoch`
 * (the step ran but its result was lost), nothing is trained again.
 */
export async function trainEpoch(
  work: RunWork,
  name: TrainingName,
  epoch: number,
  input: TrainingInput,
): Promise<EpochDone> {
  const bytes = await work.state(name);
  const resume = bytes ? decodeTrainingState(bytes) : undefined;
  const done = resume?.epochsDone ?? 0;
  if (done >= epoch) return { epoch, epochs: input.options.epochs, loss: resume!.loss[epoch - 1] };
  if (done !== epoch - 1) throw new Error(`training ${name}: epoch ${epoch} asked, ${done} done`);
  const training = startTraining(input.events, input.options, input.features, input.warm, resume);
  const p = training.runEpoch();
  await work.putState(name, encodeTrainingState(training.pause()));
  return { epoch: p.epoch, epochs: p.epochs, loss: p.loss };
}

/** The model training `name` has reached (every epoch done). */
export async function trainedModel(
  work: RunWork,
  name: TrainingName,
  input: TrainingInput,
): Promise<TrainedModel> {
  const bytes = await work.state(name);
  if (!bytes) throw new Error(`training ${name}: no state in R2`);
  const training = startTraining(
    input.events,
    input.options,
    input.features,
    undefined,
    decodeTrainingState(bytes),
  );
  if (!training.done) throw new Error(`training ${name}: not every epoch is done`);
  return training.model();
}
