/**
 * The manifest of a model folder written without training (benches and the demo's fast test
 * model): one definition so such folders always match the manifest contract the edge validates.
 */
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { TOWER_IO } from '../onnx/session-tower-graph.ts';

/** What differs between untrained model folders. */
export interface UntrainedModel {
  version: string;
  dim: number;
  maxLen: number;
  itemIds: string[];
  /** Where the weights came from, recorded as the training source (says "not trained"). */
  source: string;
  seed: number;
}

/** A dot-product manifest for an untrained tower that ranks by tower score alone. */
export function untrainedManifest(m: UntrainedModel): ModelManifest {
  return {
    schema: 1,
    version: m.version,
    createdAt: new Date().toISOString(),
    dim: m.dim,
    metric: 'dot-product',
    files: {
      tower: 'session-tower.onnx',
      vectorsNdjson: 'item-vectors.ndjson',
      vectorsBinary: 'item-vectors.bin',
      signals: 'signals.bin',
    },
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
    rerank: { candidates: 100, weights: { tower: 1 } },
  };
}
