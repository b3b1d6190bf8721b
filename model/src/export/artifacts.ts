/**
 * Trained model → the artifacts the edge serves (pure; `model-folder.ts` puts them on disk):
 * int8 ONNX session tower, item vectors (NDJSON for `wrangler vectorize insert` and the compact
 * binary), serialised online signals and the manifest.
 */

import type { ItemMetadata } from '../../../contracts/recommendations.ts';
import {
  MODEL_MANIFEST_SCHEMA,
  type ModelManifest,
  type RankingMetricsEntry,
} from '../../../contracts/schema/model-manifest.ts';
import type { DataSummary } from '../data/dataset.ts';
import { fnv1aBytes } from '../hash.ts';
import { buildSessionTowerOnnx } from '../onnx/session-tower-graph.ts';
import { TOWER_IO } from '../onnx/tower-io.ts';
import type { RerankWeights } from '../serve/rerank.ts';
import type { OnlineSignals } from '../serve/signals.ts';
import { quantizeSessionTower } from '../tower/quantized-tower.ts';
import type { ItemFeatures } from '../train/item-features.ts';
import { featureTablesOf, itemVectors } from '../train/item-vectors.ts';
import { sessionTowerOf } from '../train/params.ts';
import type { TrainedModel } from '../train/train.ts';
import { folderFiles, ITEM_FEATURES_FILE, MODEL_FILES } from './folder-layout.ts';
import type { VectorSet } from './vector-file.ts';

/** What goes into the manifest besides the model itself. */
export interface ArtifactInfo {
  sources: string[];
  summary: DataSummary;
  weights: RerankWeights;
  candidates: number;
  metrics?: Record<string, RankingMetricsEntry>;
  createdAt?: Date;
}

/** FNV-1a of the tower bytes: part of the version, so the same weights give the same id. */
function fingerprint(bytes: Uint8Array): string {
  return fnv1aBytes(bytes).toString(16).padStart(8, '0');
}

/** The item vectors of a trained model with catalogue metadata. */
export function vectorSetOf(model: TrainedModel, features: ReadonlyMap<string, ItemFeatures>): VectorSet {
  const metadata = model.items.map((id): ItemMetadata => {
    const f = features.get(id);
    return {
      ...(f?.category !== undefined ? { category: f.category } : {}),
      ...(f?.price !== undefined ? { price: f.price } : {}),
    };
  });
  return {
    dim: model.params.dim,
    metric: 'dot-product',
    ids: model.items,
    metadata,
    values: itemVectors(model),
  };
}

/** Every artifact as bytes, keyed by file name, plus the manifest. */
export function buildArtifacts(
  model: TrainedModel,
  signals: OnlineSignals,
  features: ReadonlyMap<string, ItemFeatures>,
  info: ArtifactInfo,
): { files: Record<string, Uint8Array>; manifest: ModelManifest } {
  const tower = buildSessionTowerOnnx(quantizeSessionTower(sessionTowerOf(model.params)));
  const vectors = vectorSetOf(model, features);
  const created = info.createdAt ?? new Date();
  const stamp = created.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const manifest: ModelManifest = {
    schema: MODEL_MANIFEST_SCHEMA,
    version: `m-${stamp}-${fingerprint(tower)}`,
    createdAt: created.toISOString(),
    dim: model.params.dim,
    metric: vectors.metric,
    files: { ...MODEL_FILES, itemFeatures: ITEM_FEATURES_FILE },
    tower: {
      maxLen: model.params.maxLen,
      inputs: { items: TOWER_IO.items, ages: TOWER_IO.ages },
      output: TOWER_IO.output,
      items: model.items,
    },
    training: {
      sources: info.sources,
      ...info.summary,
      epochs: model.options.epochs,
      seed: model.options.seed,
      seconds: Math.round(model.seconds * 10) / 10,
      loss: model.loss.map((l) => Math.round(l * 1e4) / 1e4),
    },
    metrics: info.metrics ?? {},
    rerank: { candidates: info.candidates, weights: { ...info.weights } },
  };
  return { manifest, files: folderFiles(tower, vectors, signals, featureTablesOf(model)) };
}
