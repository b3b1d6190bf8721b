/**
 * Int8 packing of candidate vectors for `RecommendationResponse.vectors` (see recommendations.ts):
 * per item, scale = max |value| / 127 and value ≈ int8 * scale. Dependency-free (the SDK unpacks).
 */
import type { PackedVectors } from './recommendations.ts';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // Chunked so String.fromCharCode never gets more arguments than the engine allows.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The bytes of `b64` read as int8 (a byte over 127 wraps to its negative, as the packing wrote it). */
function int8FromBase64(b64: string): Int8Array {
  const s = atob(b64);
  const out = new Int8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Pack same-length vectors (one per recommended item, in order). */
export function packVectors(vectors: readonly ArrayLike<number>[], dim: number): PackedVectors {
  const q = new Int8Array(vectors.length * dim);
  const scale = vectors.map((v, i) => {
    if (v.length !== dim) throw new Error(`vector ${i} has ${v.length} values, expected ${dim}`);
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(v[j]!));
    const s = max / 127;
    for (let j = 0; j < dim; j++) q[i * dim + j] = s === 0 ? 0 : Math.round(v[j]! / s);
    return s;
  });
  return { dim, scale, data: toBase64(new Uint8Array(q.buffer)) };
}

/**
 * Unpack to float vectors (value = int8 * scale); none when the payload's length is not scale x dim
 * (the SDK then re-ranks without vectors; a message would only add to its bytes).
 */
export function unpackVectors(packed: PackedVectors): Float32Array[] {
  const q = int8FromBase64(packed.data);
  if (q.length !== packed.scale.length * packed.dim) return [];
  // Plain indexed loops: `Float32Array.from(iterable, map)` goes through the iterator protocol and
  // was ~2 ms for 200 x 64 in Chromium, on every fresh answer.
  const { dim } = packed;
  return packed.scale.map((s, i) => {
    const v = new Float32Array(dim);
    for (let j = 0, base = i * dim; j < dim; j++) v[j] = q[base + j]! * s;
    return v;
  });
}
