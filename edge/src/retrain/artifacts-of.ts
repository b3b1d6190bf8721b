/**
 * A trained model's artifacts as the model CLI writes them (model/src/export/artifacts.ts), and the
 * bytes the served pipeline is scored from. `createdAt` is the run's start, so a retried step builds
 * the same version name.
 */

import { buildSignals } from '../../../model/src/baselines/build-signals.ts';
import { summarize } from '../../../model/src/data/dataset.ts';
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import { buildArtifacts } from '../../../model/src/export/artifacts.ts';
import { ITEM_FEATURES_FILE, MODEL_FILES } from '../../../model/src/export/folder-layout.ts';
import { DEFAULT_CANDIDATES, DEFAULT_RERANK_WEIGHTS } from '../../../model/src/serve/rerank.ts';
import type { ItemFeatures } from '../../../model/src/train/item-features.ts';
import type { TrainedModel } from '../../../model/src/train/train.ts';
import type { ScoredFiles } from './served-files.ts';

/** What a run publishes or scores of one model. */
export interface RunArtifacts extends ScoredFiles {
  itemFeatures?: Uint8Array;
}

/** Artifacts of `model` trained on `events`. */
export function artifactsOf(
  model: TrainedModel,
  events: readonly SessionEvent[],
  features: ReadonlyMap<string, ItemFeatures>,
  createdAt: Date,
): RunArtifacts {
  const { files, manifest } = buildArtifacts(model, buildSignals(events), features, {
    sources: ['event-log'],
    summary: summarize(events),
    weights: DEFAULT_RERANK_WEIGHTS,
    candidates: DEFAULT_CANDIDATES.ann,
    createdAt,
  });
  return {
    manifest,
    tower: files[MODEL_FILES.tower]!,
    vectors: files[MODEL_FILES.vectorsBinary]!,
    signals: files[MODEL_FILES.signals]!,
    itemFeatures: files[ITEM_FEATURES_FILE],
  };
}
