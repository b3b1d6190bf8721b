/** A model folder on disk (Node): the one writer of its files and manifest, and the manifest read back. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ModelManifest, parseModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { MANIFEST_FILE } from './folder-layout.ts';

/** Write artifacts and the manifest into `dir` (created if missing). */
export function writeModelFolder(
  dir: string,
  files: Record<string, Uint8Array>,
  manifest: ModelManifest,
): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Read and validate the manifest of `dir`; throws with the manifest's problem. */
export function readManifest(dir: string): ModelManifest {
  const path = join(dir, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  const parsed = parseModelManifest(json);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.error}`);
  return parsed.manifest;
}
