/**
 * Model artifacts in R2 (`MODELS` bucket): `models/<version>/<file>` as published, and
 * `models/active.json` naming the version the Worker serves. Publishing uploads first and activates
 * last, so a half-uploaded model is never served.
 */
import { type ModelManifest, parseModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { MANIFEST_FILE } from '../../../model/src/export/folder-layout.ts';
import type { Slot } from '../vectorize/binding.ts';
import { appendHistory } from './history.ts';

/** The active-model pointer: which version, and which blue/green index slot holds its item vectors. */
export interface ActiveModel {
  version: string;
  slot: Slot;
  activatedAt: string;
}

const ACTIVE = 'models/active.json';
/**
 * Files a published model may hold: the manifest (named as in a model folder), the files it serves
 * from, and two it never serves: its item vectors (what a retrain scores the active model with; the
 * index holds them too, but cannot give them all back) and its float weights (a retrain's warm start).
 */
export const MODEL_FILES = [
  MANIFEST_FILE,
  'tower',
  'signals',
  'item-features',
  'vectors',
  'train-state',
] as const;
export type ModelFile = (typeof MODEL_FILES)[number];

const keyOf = (version: string, file: ModelFile) => `models/${version}/${file}`;

/** Store one artifact of a model version. */
export async function putModelFile(
  bucket: R2Bucket,
  version: string,
  file: ModelFile,
  body: ArrayBuffer,
): Promise<void> {
  await bucket.put(keyOf(version, file), body);
}

/** The validated manifest of a version, or an error naming the problem; undefined when not uploaded. */
export async function readManifest(bucket: R2Bucket, version: string): Promise<ModelManifest | undefined> {
  const obj = await bucket.get(keyOf(version, MANIFEST_FILE));
  if (!obj) return undefined;
  const parsed = parseModelManifest(await obj.json());
  if (!parsed.ok) throw new Error(`model ${version}: manifest.json: ${parsed.error}`);
  return parsed.manifest;
}

/** The bytes of a model file, or undefined when missing. */
export async function readModelFile(
  bucket: R2Bucket,
  version: string,
  file: ModelFile,
): Promise<ArrayBuffer | undefined> {
  const obj = await bucket.get(keyOf(version, file));
  return obj ? obj.arrayBuffer() : undefined;
}

/** Whether R2 holds `file` of `version`. */
export async function hasModelFile(bucket: R2Bucket, version: string, file: ModelFile): Promise<boolean> {
  return (await bucket.head(keyOf(version, file))) !== null;
}

/** Which version is active, if any. */
export async function readActive(bucket: R2Bucket): Promise<ActiveModel | undefined> {
  const obj = await bucket.get(ACTIVE);
  return obj ? ((await obj.json()) as ActiveModel) : undefined;
}

/**
 * Make `version` the served model with its item vectors in `slot`. It must have a valid manifest and a
 * tower, and `indexDims` (the slot index's dimension) must equal the manifest's. `keep` versions stay
 * in R2 (retention.ts); older ones are deleted.
 */
export async function activate(
  bucket: R2Bucket,
  version: string,
  slot: Slot,
  indexDims: () => Promise<number | undefined>,
  keep?: number,
): Promise<ActiveModel> {
  const manifest = await readManifest(bucket, version);
  if (!manifest) throw new Error(`model ${version} has no manifest.json; upload it first`);
  if (manifest.version !== version) {
    throw new Error(`manifest.json says version ${manifest.version}, not ${version}`);
  }
  const tower = await bucket.head(keyOf(version, 'tower'));
  if (!tower) throw new Error(`model ${version} has no tower; upload it first`);
  const dims = await indexDims();
  if (dims !== manifest.dim) {
    const has = dims === undefined ? 'no index' : `${dims} dimensions`;
    throw new Error(
      `index slot ${slot} has ${has}; model ${version} needs ${manifest.dim}: load its vectors first`,
    );
  }
  const active: ActiveModel = { version, slot, activatedAt: new Date().toISOString() };
  await bucket.put(ACTIVE, JSON.stringify(active));
  // After the switch: a failed history write or prune must not undo an activation that already serves.
  try {
    await appendHistory(bucket, active, keep);
  } catch (err) {
    console.error(`model history / retention after activating ${version}: ${(err as Error).message}`);
  }
  return active;
}
