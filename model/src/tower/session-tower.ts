/**
 * The session tower: weights, and the TypeScript reference forward pass that the exported ONNX
 * graph must reproduce. Pure, dependency-free (the Worker may import it).
 *
 * Input: the session's last `maxLen` items, right-aligned (slot maxLen-1 = most recent; index 0 =
 * padding/unknown item, whose embedding row is zero) and each slot's age = ln(1 + minutes between
 * that event and the latest one). Attention over slots with logit = posBias[slot] + ageCoef·age
 * (padding masked) pools the item embeddings; the pooled vector and the latest item's embedding are
 * concatenated and projected by one dense layer. Order enters through posBias, time through ageCoef.
 */

/** Float weights of the session tower. */
export interface SessionTowerWeights {
  /** Rows of the embedding table, including row 0 (padding/unknown). */
  numItems: number;
  dim: number;
  maxLen: number;
  /** numItems×dim, row-major; row 0 is all zeros. */
  embedding: Float32Array;
  /** Attention bias per slot (slot maxLen-1 is the latest event). */
  posBias: Float32Array;
  /** Attention weight of the age feature (learned; negative means older events count less). */
  ageCoef: number;
  /** (2·dim)×dim, row-major [input][output]: input = [pooled, latest]. */
  dense: Float32Array;
  /** dim */
  bias: Float32Array;
}

/** Logit added to padding slots before the softmax (the ONNX graph uses the same constant). */
export const MASK_PENALTY = 1e4;

/** Reference forward pass for one session; returns the dim-long session vector. */
export function sessionTowerForward(
  w: SessionTowerWeights,
  items: ArrayLike<number>,
  ages: ArrayLike<number>,
): Float32Array {
  const { dim, maxLen } = w;
  const logits = new Float64Array(maxLen);
  let max = -Infinity;
  for (let p = 0; p < maxLen; p++) {
    const masked = items[p] > 0 ? 0 : -MASK_PENALTY;
    logits[p] = Math.fround(Math.fround(ages[p] * w.ageCoef) + w.posBias[p]) + masked;
    max = Math.max(max, logits[p]);
  }
  let sum = 0;
  for (let p = 0; p < maxLen; p++) {
    logits[p] = Math.exp(logits[p] - max);
    sum += logits[p];
  }
  const h = new Float64Array(2 * dim);
  for (let p = 0; p < maxLen; p++) {
    const a = logits[p] / sum;
    const row = items[p] * dim;
    for (let j = 0; j < dim; j++) h[j] += a * w.embedding[row + j];
  }
  const last = items[maxLen - 1] * dim;
  for (let j = 0; j < dim; j++) h[dim + j] = w.embedding[last + j];
  const out = new Float32Array(dim);
  for (let o = 0; o < dim; o++) {
    let s = w.bias[o];
    for (let i = 0; i < 2 * dim; i++) s += h[i] * w.dense[i * dim + o];
    out[o] = s;
  }
  return out;
}
