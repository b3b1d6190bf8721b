/** The warm-start checkpoint of a model folder on disk (Node): read it back, or say why not. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FILE, type Checkpoint, decodeCheckpoint } from '../train/checkpoint.ts';

/** Whether `dir` holds a checkpoint (folders trained before warm starts existed do not). */
export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, CHECKPOINT_FILE));
}

/** Read the checkpoint of `dir`; throws naming the file when it is missing or damaged. */
export function readCheckpoint(dir: string): Checkpoint {
  const path = join(dir, CHECKPOINT_FILE);
  try {
    return decodeCheckpoint(readFileSync(path));
  } catch (e) {
    throw new Error(`cannot warm start from ${path}: ${(e as Error).message}`);
  }
}
