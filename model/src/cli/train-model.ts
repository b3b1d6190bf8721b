/** Train → build every artifact → write the model folder (Node), with progress on stderr. */
import type { RankingMetricsEntry } from '../../../contracts/schema/model-manifest.ts';
import { buildSignals } from '../baselines/build-signals.ts';
import { summarize } from '../data/dataset.ts';
import type { SessionEvent } from '../data/session-event.ts';
import { buildArtifacts } from '../export/artifacts.ts';
import { writeModelFolder } from '../export/model-folder.ts';
import { DEFAULT_CANDIDATES, DEFAULT_RERANK_WEIGHTS, type RerankWeights } from '../serve/rerank.ts';
import { CHECKPOINT_FILE, type Checkpoint, checkpointOf, encodeCheckpoint } from '../train/checkpoint.ts';
import type { ItemFeatures } from '../train/item-features.ts';
import { type TrainedModel, type TrainOptions, trainTwoTower } from '../train/train.ts';

/** Inputs of one training run. */
export interface TrainRun {
  events: readonly SessionEvent[];
  sources: string[];
  out: string;
  features?: ReadonlyMap<string, ItemFeatures>;
  options?: Partial<TrainOptions>;
  weights?: RerankWeights;
  metrics?: Record<string, RankingMetricsEntry>;
  /** Start from these weights (an earlier model's checkpoint) instead of random ones. */
  warm?: Checkpoint;
  log?: (line: string) => void;
}

/** Train and write the model folder; returns the trained model and the manifest written. */
export function trainModelFolder(run: TrainRun) {
  const log = run.log ?? (() => {});
  const features = run.features ?? new Map();
  const summary = summarize(run.events);
  log(
    `training on ${summary.events} events, ${summary.sessions} sessions, ${summary.items} items${run.warm ? ` (warm start from ${run.warm.items.length} items)` : ''}`,
  );
  const model: TrainedModel = trainTwoTower(
    run.events,
    run.options,
    features,
    (p) =>
      log(
        `epoch ${p.epoch}/${p.epochs}  loss ${p.loss.toFixed(4)}  ${p.seconds.toFixed(1)}s  ETA ${p.etaSeconds.toFixed(0)}s`,
      ),
    run.warm,
  );
  const signals = buildSignals(run.events);
  const { files, manifest } = buildArtifacts(model, signals, features, {
    sources: run.sources,
    summary,
    weights: run.weights ?? DEFAULT_RERANK_WEIGHTS,
    candidates: DEFAULT_CANDIDATES.ann,
    metrics: run.metrics,
  });
  // Beside the artifacts, never published (not in the manifest): the next run's warm start.
  writeModelFolder(run.out, { ...files, [CHECKPOINT_FILE]: encodeCheckpoint(checkpointOf(model)) }, manifest);
  log(`wrote model ${manifest.version} to ${run.out}`);
  return { model, manifest, files };
}
