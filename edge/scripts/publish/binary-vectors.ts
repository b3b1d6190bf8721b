/**
 * Item vectors from the model's compact binary (`files.vectorsBinary`, read with the model's own
 * `decodeVectorFile`), checked against the manifest and cut into chunks for the local stand-in.
 * int8 rows are dequantized: the stand-in then holds what the model evaluated its binary with.
 */
import { readFileSync } from 'node:fs';
import { decodeVectorFile } from '../../../model/src/serve/index.ts';
import type { Chunk } from '../../src/vectorize/chunk-codec.ts';
import { VECTORIZE_LIMITS } from '../../src/vectorize/limits.ts';

/** The vectors of `file` in chunks of `size`; errors name the file and the item. */
export function* binaryVectorChunks(file: string, dims: number, size = 5000): Generator<Chunk> {
  let set: ReturnType<typeof decodeVectorFile>;
  try {
    set = decodeVectorFile(new Uint8Array(readFileSync(file)));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  if (set.dim !== dims)
    throw new Error(`${file}: vectors have ${set.dim} dimensions; the manifest says ${dims}`);
  set.ids.forEach((id, i) => {
    const bytes = new TextEncoder().encode(id).length;
    if (typeof id !== 'string' || bytes === 0 || bytes > VECTORIZE_LIMITS.maxIdBytes) {
      throw new Error(
        `${file}: item ${i}: id must be 1-${VECTORIZE_LIMITS.maxIdBytes} bytes (a Vectorize limit)`,
      );
    }
  });
  const bad = set.values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0)
    throw new Error(
      `${file}: item ${Math.floor(bad / dims)} (${set.ids[Math.floor(bad / dims)]}): values must be finite`,
    );
  for (let at = 0; at < set.ids.length; at += size) {
    const end = Math.min(at + size, set.ids.length);
    yield {
      dims,
      ids: set.ids.slice(at, end),
      values: set.values.slice(at * dims, end * dims),
      metadata: set.metadata.slice(at, end) as Record<string, VectorizeVectorMetadata>[],
    };
  }
}
