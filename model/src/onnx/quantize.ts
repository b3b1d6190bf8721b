/**
 * Symmetric int8 quantization (zero point 0, values in -127..127) with one scale per row or per
 * column: per-row for the embedding table (each item keeps its own range), per-output-column for
 * dense weights (what ONNX DequantizeLinear with axis=1 expects).
 */

/** int8 values and their scales; value ≈ q * scale. */
export interface Quantized {
  q: Int8Array;
  scale: Float32Array;
}

/** Quantize a row-major rows×cols matrix with one scale per row. */
export function quantizeRows(m: Float32Array, rows: number, cols: number): Quantized {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(m[r * cols + c]));
    // An all-zero row (padding) keeps scale 1 so dequantization never divides by zero.
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round(m[r * cols + c] / s);
  }
  return { q, scale };
}

/** Quantize a row-major rows×cols matrix with one scale per column. */
export function quantizeColumns(m: Float32Array, rows: number, cols: number): Quantized {
  const scale = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(m[r * cols + c]));
    scale[c] = max > 0 ? max / 127 : 1;
  }
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round(m[r * cols + c] / scale[c]);
  return { q, scale };
}

/** Dequantize a per-row quantized matrix back to float32. */
export function dequantizeRows({ q, scale }: Quantized, cols: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scale[Math.floor(i / cols)];
  return out;
}

/** Dequantize a per-column quantized matrix back to float32. */
export function dequantizeColumns({ q, scale }: Quantized, cols: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scale[i % cols];
  return out;
}
