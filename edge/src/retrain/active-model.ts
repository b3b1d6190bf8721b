/**
 * The model a retrain competes with: which version serves on which slot, and, when R2 holds them,
 * the bytes it is scored from (a version published before item vectors were kept cannot be scored)
 * and its float weights (the warm start).
 */
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { type Checkpoint, decodeCheckpoint } from '../../../model/src/train/checkpoint.ts';
import {
  type ActiveModel,
  hasModelFile,
  type ModelFile,
  readActive,
  readManifest,
  readModelFile,
} from '../model-registry/r2-store.ts';
import type { ScoredFiles } from './served-files.ts';

/** What a run knows of the active model (a step result: small and plain). */
export interface ActiveInfo extends ActiveModel {
  /** R2 holds its tower, signals and item vectors. */
  scorable: boolean;
  /** R2 holds its float weights. */
  warm: boolean;
}

/** The active model, or undefined when none serves. */
export async function activeInfo(bucket: R2Bucket): Promise<ActiveInfo | undefined> {
  const active = await readActive(bucket);
  if (!active) return undefined;
  const has = (file: ModelFile) => hasModelFile(bucket, active.version, file);
  const [tower, signals, vectors, warm] = await Promise.all([
    has('tower'),
    has('signals'),
    has('vectors'),
    has('train-state'),
  ]);
  return { ...active, scorable: tower && signals && vectors, warm };
}

const bytes = async (bucket: R2Bucket, version: string, file: 'tower' | 'signals' | 'vectors') => {
  const b = await readModelFile(bucket, version, file);
  if (!b) throw new Error(`model ${version}: ${file} is not in R2`);
  return new Uint8Array(b);
};

/** The bytes the active model is scored from. */
export async function activeFiles(bucket: R2Bucket, version: string): Promise<ScoredFiles> {
  const manifest: ModelManifest | undefined = await readManifest(bucket, version);
  if (!manifest) throw new Error(`model ${version} has no manifest.json in R2`);
  const [tower, signals, vectors] = await Promise.all([
    bytes(bucket, version, 'tower'),
    bytes(bucket, version, 'signals'),
    bytes(bucket, version, 'vectors'),
  ]);
  return { manifest, tower, signals, vectors };
}

/** The active model's float weights (warm start). */
export async function activeCheckpoint(bucket: R2Bucket, version: string): Promise<Checkpoint | undefined> {
  const b = await readModelFile(bucket, version, 'train-state');
  return b ? decodeCheckpoint(new Uint8Array(b)) : undefined;
}
