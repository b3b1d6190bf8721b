/**
 * The layout of a model folder, defined once: the file names (which the trainer, the untrained
 * writers, publish-model and the Worker's R2 store use) and the bytes of each artifact. Pure.
 */
import { encodeItemFeatures, type ItemFeatureTables } from '../serve/item-features.ts';
import type { OnlineSignals } from '../serve/signals.ts';
import { serializeSignals } from '../serve/signals-codec.ts';
import { encodeVectorFile, type VectorSet, vectorsToNdjson } from './vector-file.ts';

/** The manifest's name in a model folder (and of its object in R2). */
export const MANIFEST_FILE = 'manifest.json';

/** File names of the artifacts in a model folder, as the manifest's `files` names them. */
export const MODEL_FILES = {
  tower: 'session-tower.onnx',
  vectorsNdjson: 'item-vectors.ndjson',
  vectorsBinary: 'item-vectors.bin',
  signals: 'signals.bin',
} as const;

/** The item tower's feature embeddings: trained models have it, untrained ones do not. */
export const ITEM_FEATURES_FILE = 'item-features.json';

/** Every artifact of a model folder as bytes, keyed by its file name. */
export function folderFiles(
  tower: Uint8Array,
  vectors: VectorSet,
  signals: OnlineSignals,
  features?: ItemFeatureTables,
): Record<string, Uint8Array> {
  return {
    ...(features ? { [ITEM_FEATURES_FILE]: encodeItemFeatures(features) } : {}),
    [MODEL_FILES.tower]: tower,
    [MODEL_FILES.vectorsNdjson]: new TextEncoder().encode(vectorsToNdjson(vectors)),
    [MODEL_FILES.vectorsBinary]: encodeVectorFile(vectors),
    [MODEL_FILES.signals]: serializeSignals(signals),
  };
}
