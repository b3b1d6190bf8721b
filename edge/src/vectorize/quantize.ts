/**
 * int8 rows and an int16 query for the first pass of a dot-product scan, and the bound on its
 * error that keeps the stand-in exact: a row is rescored in float32 unless its approximate score
 * plus the bound cannot reach the k-th best approximate score minus its bound (see `store.ts`).
 *
 * With v = s·c + r (|r| ≤ s/2 per value) and q = t·p + e (|e| ≤ t/2), the approximate dot
 * s·t·Σ p·c differs from q·v by at most s·‖q‖₁/2 + t·‖v‖₁/2 + D·s·t/4; `SLACK` covers float32
 * rounding (the exact kernel's own sums, the final score's rounding) with a wide margin.
 */

/** Largest int8 code magnitude (symmetric, so -128 is never used). */
const ROW_MAX = 127;

/** Float32 rounding allowance per dimension, relative to ‖q‖₁·max|v|. */
const SLACK = 2 ** -22;

/** Write row `values[offset .. offset+dims)` as int8 `codes` (rest zero); returns its scale (0 for a zero row). */
export function quantizeRow(
  values: ArrayLike<number>,
  offset: number,
  dims: number,
  codes: Int8Array,
): number {
  let max = 0;
  for (let j = 0; j < dims; j++) max = Math.max(max, Math.abs(values[offset + j]!));
  codes.fill(0);
  if (max === 0) return 0;
  const scale = Math.fround(max / ROW_MAX);
  for (let j = 0; j < dims; j++) {
    codes[j] = Math.max(-ROW_MAX, Math.min(ROW_MAX, Math.round(values[offset + j]! / scale)));
  }
  return scale;
}

/** A query as int16 codes plus what the error bound needs of it. */
export interface QuantizedQuery {
  codes: Int16Array;
  scale: number;
  /** Error bound of row i: `perScale · scales[i] + perL1 · ‖row i‖₁`. */
  perScale: number;
  perL1: number;
}

/**
 * The query's int16 codes over `stride` values (zero padded), with the largest code small enough
 * that no row's integer sum can overflow an i32 lane of the kernel.
 */
export function quantizeQuery(query: Float32Array, stride: number): QuantizedQuery {
  const dims = query.length;
  const top = Math.min(32767, Math.floor((2 ** 31 - 1) / (ROW_MAX * stride)));
  let max = 0;
  let l1 = 0;
  for (let j = 0; j < dims; j++) {
    max = Math.max(max, Math.abs(query[j]!));
    l1 += Math.abs(query[j]!);
  }
  const codes = new Int16Array(stride);
  const scale = max === 0 ? 0 : Math.fround(max / top);
  if (scale > 0) for (let j = 0; j < dims; j++) codes[j] = Math.round(query[j]! / scale);
  return {
    codes,
    scale,
    perScale: l1 / 2 + (dims * scale) / 4 + (dims + 16) * SLACK * (ROW_MAX + 1) * l1,
    perL1: scale / 2,
  };
}
