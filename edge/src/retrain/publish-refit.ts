/**
 * What goes live after the gate: the refit's artifacts into R2 under its version (with its item
 * vectors and float weights, which the next retrain scores and warm-starts from), its vectors into
 * the free slot, then the activation, the atomic switch requests never wait for.
 */
import { MANIFEST_FILE } from '../../../model/src/export/folder-layout.ts';
import { decodeVectorFile } from '../../../model/src/export/vector-file.ts';
import { checkpointOf, encodeCheckpoint } from '../../../model/src/train/checkpoint.ts';
import type { TrainedModel } from '../../../model/src/train/train.ts';
import { putModelFile } from '../model-registry/r2-store.ts';
import type { Slot } from '../vectorize/binding.ts';
import type { RunArtifacts } from './artifacts-of.ts';
import { loadSlot } from './load-slot.ts';
import type { CatalogueItem } from './run-work.ts';

const body = (b: Uint8Array) => b.slice().buffer;

/** Upload the refit and load its vectors into `slot`; returns how many vectors were loaded. */
export async function uploadRefit(
  env: Env,
  model: TrainedModel,
  files: RunArtifacts,
  slot: Slot,
  catalogue: ReadonlyMap<string, CatalogueItem>,
): Promise<number> {
  const { version } = files.manifest;
  const put = (name: Parameters<typeof putModelFile>[2], b: Uint8Array) =>
    putModelFile(env.MODELS, version, name, body(b));
  await put('tower', files.tower);
  await put('signals', files.signals);
  await put('vectors', files.vectors);
  if (files.itemFeatures) await put('item-features', files.itemFeatures);
  await put('train-state', encodeCheckpoint(checkpointOf(model)));
  // The manifest last: a version is complete once it is there (activation checks it).
  await put(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(files.manifest)));
  return loadSlot(env, slot, decodeVectorFile(files.vectors), catalogue);
}
