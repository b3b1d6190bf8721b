/**
 * The manifest of a model built without training (benches, the demo's department prior, the edge
 * tests' fixtures): one definition, so such models always match the manifest contract the edge
 * validates. Pure and free of the ONNX writer, so it also runs inside workerd.
 */
import { MODEL_MANIFEST_SCHEMA, type ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { TOWER_IO } from '../onnx/tower-io.ts';
import { MODEL_FILES } from './folder-layout.ts';

/** What differs between untrained models. */
export interface UntrainedManifestOptions {
  version: string;
  dim: number;
  maxLen: number;
  itemIds: string[];
  /** Where the weights came from, recorded as the training source (says "not trained"). */
  source: string;
  seed: number;
  /** Re-rank weights (default: the tower score alone). */
  weights?: Record<string, number>;
}

/** A dot-product manifest for an untrained tower (ranking by tower score alone unless told). */
export function untrainedManifest(m: UntrainedManifestOptions): ModelManifest {
  return {
    schema: MODEL_MANIFEST_SCHEMA,
    version: m.version,
    createdAt: new Date().toISOString(),
    dim: m.dim,
    metric: 'dot-product',
    files: { ...MODEL_FILES },
    tower: {
      maxLen: m.maxLen,
      inputs: { items: TOWER_IO.items, ages: TOWER_IO.ages },
      output: TOWER_IO.output,
      items: m.itemIds,
    },
    training: {
      sources: [m.source],
      events: 0,
      sessions: 0,
      items: m.itemIds.length,
      firstTime: 0,
      lastTime: 0,
      epochs: 0,
      seed: m.seed,
      seconds: 0,
      loss: [],
    },
    metrics: {},
    rerank: { candidates: 100, weights: { ...(m.weights ?? { tower: 1 }) } },
  };
}
