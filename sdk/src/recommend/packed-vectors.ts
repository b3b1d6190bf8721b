/**
 * Encode and decode the contract's `PackedVectors` (int8 per item, one scale per item, base64).
 * Pure and dependency-free: the edge packs answers with it and the browser unpacks them.
 */
import type { PackedVectors } from '../../../edge/src/contracts/recommendations.ts';

/** Decoded vectors: row i is `data[i*dim .. (i+1)*dim)` times `scale[i]`. */
export interface Int8Vectors {
  dim: number;
  data: Int8Array;
  scale: Float32Array;
}

/** Quantize float rows to int8 with a symmetric per-row scale (max |v| maps to 127). */
export function packVectors(rows: readonly ArrayLike<number>[], dim: number): PackedVectors {
  const bytes = new Int8Array(rows.length * dim);
  const scale: number[] = [];
  rows.forEach((row, i) => {
    if (row.length !== dim) throw new Error(`vector ${i} has ${row.length} values, expected ${dim}`);
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(row[j]));
    const s = max > 0 ? max / 127 : 1;
    for (let j = 0; j < dim; j++) bytes[i * dim + j] = Math.round(row[j] / s);
    scale.push(s);
  });
  let binary = '';
  const u8 = new Uint8Array(bytes.buffer);
  for (let i = 0; i < u8.length; i += 0x8000) binary += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return { dim, scale, data: btoa(binary) };
}

/** Decode packed vectors; throws naming the mismatch when `data` and `scale` disagree with `dim`. */
export function unpackVectors(packed: PackedVectors): Int8Vectors {
  const binary = atob(packed.data);
  const data = new Int8Array(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = (binary.charCodeAt(i) << 24) >> 24;
  if (!(packed.dim > 0) || data.length !== packed.scale.length * packed.dim) {
    throw new Error(
      `packed vectors: ${data.length} bytes for ${packed.scale.length} items of dim ${packed.dim}`,
    );
  }
  return { dim: packed.dim, data, scale: Float32Array.from(packed.scale) };
}
