/**
 * The compact item-vector file of a model folder (`item-vectors.bin`), which `predict`, `eval` and
 * the benches load into the in-memory vector index (publish-model loads the NDJSON instead). Pure.
 *
 * Layout (little-endian): "EVEC", u32 header length, JSON header
 * `{ version: 1, count, dim, metric, encoding: "int8" | "float32", items: [{ id, metadata }] }`,
 * padded to 8 bytes; then for int8: `count` float32 scales (padded) and `count·dim` int8 values,
 * value = int8 · scale of its row; for float32: `count·dim` float32 values. Rows follow `items`.
 */
import type { ItemMetadata } from '../../../contracts/recommendations.ts';
import { quantizeRows } from '../onnx/quantize.ts';
import { createBinaryReader, createBinaryWriter } from '../serve/binary.ts';

/** Item vectors with their ids and metadata; `values` is count×dim row-major float32. */
export interface VectorSet {
  dim: number;
  metric: 'dot-product' | 'cosine' | 'euclidean';
  ids: string[];
  metadata: ItemMetadata[];
  values: Float32Array;
}

interface Header {
  version: 1;
  count: number;
  dim: number;
  metric: VectorSet['metric'];
  encoding: 'int8' | 'float32';
  items: { id: string; metadata: ItemMetadata }[];
}

/** Encode vectors (int8 with a scale per vector by default: 4× smaller, ranking nearly unchanged). */
export function encodeVectorFile(set: VectorSet, encoding: Header['encoding'] = 'int8'): Uint8Array {
  const count = set.ids.length;
  const header: Header = {
    version: 1,
    count,
    dim: set.dim,
    metric: set.metric,
    encoding,
    items: set.ids.map((id, i) => ({ id, metadata: set.metadata[i] ?? {} })),
  };
  const w = createBinaryWriter('EVEC', header);
  if (encoding === 'float32') w.add(set.values);
  else {
    const q = quantizeRows(set.values, count, set.dim);
    w.add(q.scale);
    w.add(q.q);
  }
  return w.finish();
}

/** Decode a vector file to float32 values (int8 rows dequantized). */
export function decodeVectorFile(bytes: Uint8Array): VectorSet {
  const r = createBinaryReader(bytes, 'EVEC');
  const h = r.header as Header;
  if (h.version !== 1) throw new Error(`unsupported vector file version ${h.version}`);
  let values: Float32Array;
  if (h.encoding === 'float32') values = r.f32(h.count * h.dim);
  else {
    const scale = r.f32(h.count);
    const q = r.i8(h.count * h.dim);
    values = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) values[i] = q[i] * scale[Math.floor(i / h.dim)];
  }
  return {
    dim: h.dim,
    metric: h.metric,
    ids: h.items.map((i) => i.id),
    metadata: h.items.map((i) => i.metadata),
    values,
  };
}

/** One NDJSON line per vector, the format `wrangler vectorize insert --file` accepts. */
export function vectorsToNdjson(set: VectorSet): string {
  const lines: string[] = [];
  for (let i = 0; i < set.ids.length; i++) {
    const values = Array.from(
      set.values.subarray(i * set.dim, (i + 1) * set.dim),
      (x) => Math.round(x * 1e6) / 1e6,
    );
    lines.push(JSON.stringify({ id: set.ids[i], values, metadata: set.metadata[i] ?? {} }));
  }
  return `${lines.join('\n')}\n`;
}
