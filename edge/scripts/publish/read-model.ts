/**
 * Read a model folder written by `npm run model -- train`: the validated manifest, the files it names,
 * and its item vectors (the NDJSON `wrangler vectorize insert` takes) streamed in binary chunks.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type ModelManifest, parseModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { MANIFEST_FILE } from '../../../model/src/export/folder-layout.ts';
import type { Chunk } from '../../src/vectorize/chunk-codec.ts';
import { VECTORIZE_LIMITS } from '../../src/vectorize/limits.ts';

/** A model folder ready to publish. */
/** Files every model folder has (`itemFeatures` is optional). */
type RequiredFile = Exclude<keyof ModelManifest['files'], 'itemFeatures'>;

export interface ModelDir {
  dir: string;
  manifest: ModelManifest;
  path(file: RequiredFile): string;
  /** The item-features file, when the model has one. */
  itemFeaturesPath?: string;
}

/** Validate the folder's manifest and check that the files publishing needs exist. */
export function readModelDir(dir: string): ModelDir {
  const manifestPath = resolve(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath))
    throw new Error(`${manifestPath} not found: is --model a folder written by \`npm run model -- train\`?`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new Error(`${manifestPath}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = parseModelManifest(json);
  if (!parsed.ok) throw new Error(`${manifestPath}: ${parsed.error}`);
  const { manifest } = parsed;
  const path = (file: RequiredFile) => resolve(dir, manifest.files[file]);
  for (const file of ['tower', 'vectorsNdjson'] as const) {
    if (!existsSync(path(file))) throw new Error(`${path(file)} (files.${file} of the manifest) not found`);
  }
  const features = manifest.files.itemFeatures;
  const itemFeaturesPath = features ? resolve(dir, features) : undefined;
  if (itemFeaturesPath && !existsSync(itemFeaturesPath))
    throw new Error(`${itemFeaturesPath} (files.itemFeatures of the manifest) not found`);
  return { dir, manifest, path, itemFeaturesPath };
}

/** Stream the NDJSON item vectors as chunks of `size`, checking every line; errors name file and line. */
export async function* vectorChunks(file: string, dims: number, size = 5000): AsyncGenerator<Chunk> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let chunk: {
    ids: string[];
    values: number[][];
    metadata: (Record<string, VectorizeVectorMetadata> | null)[];
  } = {
    ids: [],
    values: [],
    metadata: [],
  };
  const flush = (): Chunk => {
    const values = new Float32Array(chunk.ids.length * dims);
    for (const [i, v] of chunk.values.entries()) values.set(v, i * dims);
    const out = { dims, ids: chunk.ids, values, metadata: chunk.metadata };
    chunk = { ids: [], values: [], metadata: [] };
    return out;
  };
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const where = `${file}:${n}`;
    let v: { id?: unknown; values?: unknown; metadata?: unknown };
    try {
      v = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    if (
      typeof v.id !== 'string' ||
      v.id.length === 0 ||
      new TextEncoder().encode(v.id).length > VECTORIZE_LIMITS.maxIdBytes
    ) {
      throw new Error(
        `${where}: id must be a string of 1-${VECTORIZE_LIMITS.maxIdBytes} bytes (a Vectorize limit)`,
      );
    }
    if (
      !Array.isArray(v.values) ||
      v.values.length !== dims ||
      !v.values.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      throw new Error(`${where}: values must be ${dims} finite numbers`);
    }
    if (
      v.metadata !== undefined &&
      (typeof v.metadata !== 'object' || v.metadata === null || Array.isArray(v.metadata))
    ) {
      throw new Error(`${where}: metadata must be an object`);
    }
    chunk.ids.push(v.id);
    chunk.values.push(v.values as number[]);
    chunk.metadata.push((v.metadata as Record<string, VectorizeVectorMetadata>) ?? null);
    if (chunk.ids.length >= size) yield flush();
  }
  if (chunk.ids.length > 0) yield flush();
}
