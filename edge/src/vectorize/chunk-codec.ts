/**
 * Binary format for bulk-loading vectors over HTTP (`npm run publish-model` → admin route → stand-in):
 * `"VEC1" | u32 header length | header JSON | zero padding to 4 bytes | float32 values (little-endian)`.
 * A 100k x 64 catalogue is ~26 MB of floats; JSON numbers would be ~3x that and slow to parse.
 */

const MAGIC = 0x31434556; // "VEC1" read as a little-endian u32

/** Ids, namespaces and metadata of a chunk; values travel as raw float32. */
export interface ChunkHeader {
  dims: number;
  ids: string[];
  namespaces?: (string | null)[];
  metadata?: (Record<string, VectorizeVectorMetadata> | null)[];
}

/** A decoded chunk. */
export interface Chunk extends ChunkHeader {
  values: Float32Array;
}

/** Encode a chunk; `values.length` must be `ids.length * dims`. */
export function encodeChunk(chunk: Chunk): Uint8Array {
  const { values, ...header } = chunk;
  if (values.length !== header.ids.length * header.dims)
    throw new Error('values.length must be ids.length * dims');
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = 8 + Math.ceil(json.byteLength / 4) * 4;
  const out = new Uint8Array(start + values.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.byteLength, true);
  out.set(json, 8);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), start);
  return out;
}

/** Decode and check a chunk; throws an Error naming what is malformed. */
export function decodeChunk(bytes: ArrayBuffer): Chunk {
  if (bytes.byteLength < 8) throw new Error('chunk is shorter than its 8-byte preamble');
  const view = new DataView(bytes);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('chunk does not start with "VEC1"');
  const length = view.getUint32(4, true);
  const start = 8 + Math.ceil(length / 4) * 4;
  if (start > bytes.byteLength) throw new Error('chunk header length runs past the end');
  let header: ChunkHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 8, length)));
  } catch {
    throw new Error('chunk header is not valid JSON');
  }
  const { dims, ids, namespaces, metadata } = header ?? {};
  if (!Number.isInteger(dims) || dims < 1) throw new Error('chunk header dims must be a positive integer');
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new Error('chunk header ids must be an array of strings');
  }
  if (namespaces !== undefined && (!Array.isArray(namespaces) || namespaces.length !== ids.length)) {
    throw new Error('chunk header namespaces must have one entry per id');
  }
  if (metadata !== undefined && (!Array.isArray(metadata) || metadata.length !== ids.length)) {
    throw new Error('chunk header metadata must have one entry per id');
  }
  const expected = ids.length * dims * 4;
  if (bytes.byteLength - start !== expected) {
    throw new Error(
      `chunk has ${bytes.byteLength - start} bytes of values; ${ids.length} x ${dims} float32 need ${expected}`,
    );
  }
  return { dims, ids, namespaces, metadata, values: new Float32Array(bytes, start, ids.length * dims) };
}
