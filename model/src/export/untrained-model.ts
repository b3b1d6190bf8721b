/**
 * A model folder's artifacts from given weights instead of training (the benches' random models,
 * the demo's department prior, the edge tests' tower): the same files as a trained model, through
 * the same ONNX writer and encoders, with empty online signals. Node only (the ONNX writer).
 */
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { buildSessionTowerOnnx } from '../onnx/session-tower-graph.ts';
import { OnlineSignals } from '../serve/signals.ts';
import { quantizeSessionTower } from '../tower/quantized-tower.ts';
import type { SessionTowerWeights } from '../tower/session-tower.ts';
import { folderFiles } from './folder-layout.ts';
import { untrainedManifest } from './untrained-manifest.ts';
import type { VectorSet } from './vector-file.ts';

/** An untrained model: float tower weights and the item vectors, in tower order. */
export interface UntrainedModel {
  version: string;
  /** Float weights, written int8 like a trained tower; tower index i + 1 is `vectors.ids[i]`. */
  tower: SessionTowerWeights;
  vectors: VectorSet;
  /** Where the weights came from, recorded as the training source. */
  source: string;
  seed: number;
}

/** Every artifact of the model as bytes, keyed by file name, plus its manifest. */
export function untrainedArtifacts(m: UntrainedModel): {
  files: Record<string, Uint8Array>;
  manifest: ModelManifest;
} {
  const { tower, vectors } = m;
  if (vectors.metric !== 'dot-product') throw new Error('an untrained model ranks by dot product');
  if (tower.dim !== vectors.dim || tower.numItems !== vectors.ids.length + 1) {
    throw new Error(
      `tower of ${tower.numItems} rows × ${tower.dim} does not fit ${vectors.ids.length} items × ${vectors.dim}`,
    );
  }
  const manifest = untrainedManifest({
    version: m.version,
    dim: vectors.dim,
    maxLen: tower.maxLen,
    itemIds: vectors.ids,
    source: m.source,
    seed: m.seed,
  });
  const onnx = buildSessionTowerOnnx(quantizeSessionTower(tower));
  return { manifest, files: folderFiles(onnx, vectors, new OnlineSignals()) };
}
