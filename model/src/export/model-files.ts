/** Model folder I/O in Node: write the artifacts, and load a folder into a served model. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { type ModelManifest, parseModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { createServedModel, type ServedModel } from '../serve/pipeline.ts';
import { deserializeSignals } from '../serve/signals-codec.ts';
import { ortTowerRunner } from '../serve/tower-runner.ts';
import { createMemoryVectorIndex } from '../serve/vector-query.ts';
import { decodeVectorFile } from './vector-file.ts';

// One thread: the edge runs single-threaded too, and tests/benches share two cores.
ort.env.wasm.numThreads = 1;

/** Write artifacts and `manifest.json` into `dir` (created if missing). */
export function writeModelFolder(
  dir: string,
  files: Record<string, Uint8Array>,
  manifest: ModelManifest,
): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Read and validate `dir/manifest.json`; throws with the manifest's problem. */
export function readManifest(dir: string): ModelManifest {
  const path = join(dir, 'manifest.json');
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

/** Load a model folder into the served pipeline (onnxruntime-web in Node, in-memory vector index). */
export async function loadServedModel(dir: string): Promise<ServedModel> {
  const manifest = readManifest(dir);
  const session = await ort.InferenceSession.create(readFileSync(join(dir, manifest.files.tower)));
  const runner = ortTowerRunner(session, ort.Tensor, manifest.tower);
  const vectors = decodeVectorFile(readFileSync(join(dir, manifest.files.vectorsBinary)));
  const signals = deserializeSignals(readFileSync(join(dir, manifest.files.signals)));
  return createServedModel(manifest, runner, createMemoryVectorIndex(vectors), signals);
}
