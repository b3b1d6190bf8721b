/** Load a model folder into the served pipeline in Node (onnxruntime-web, in-memory vector index). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { createServedModel, type ServedModel } from '../serve/pipeline.ts';
import { deserializeSignals } from '../serve/signals-codec.ts';
import { ortTowerRunner } from '../serve/tower-runner.ts';
import { createMemoryVectorIndex } from '../serve/vector-query.ts';
import { readManifest } from './model-folder.ts';
import { decodeVectorFile } from './vector-file.ts';

// One thread: the edge runs single-threaded too, and tests/benches share two cores.
ort.env.wasm.numThreads = 1;

/** Load a model folder into the served pipeline (onnxruntime-web in Node, in-memory vector index). */
export async function loadServedModel(dir: string): Promise<ServedModel> {
  const manifest = readManifest(dir);
  const session = await ort.InferenceSession.create(readFileSync(join(dir, manifest.files.tower)));
  const runner = ortTowerRunner(session, ort.Tensor, manifest.tower);
  const vectors = decodeVectorFile(readFileSync(join(dir, manifest.files.vectorsBinary)));
  const signals = deserializeSignals(readFileSync(join(dir, manifest.files.signals)));
  return createServedModel(manifest, runner, createMemoryVectorIndex(vectors), signals);
}
