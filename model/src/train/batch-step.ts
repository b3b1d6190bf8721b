/**
 * One forward + backward pass of the two towers on a batch with a sampled softmax: each example's
 * session vector is scored against a shared candidate list (the batch's own targets plus sampled
 * negatives, or every item when the catalogue is small), logits corrected by −log Q, accidental hits
 * masked. Gradients are accumulated into `grads`; returns the summed loss.
 */
import type { Examples } from './examples.ts';
import { addMatMulAtB, matMulAB, matMulABt } from './linalg.ts';
import type { ParamKey, TwoTowerParams } from './params.ts';

/** Candidate items of one batch: tower indices, their log Q, and whether the id embedding is dropped. */
export interface Candidates {
  count: number;
  items: Int32Array;
  logQ: Float32Array;
  dropId: Uint8Array;
}

/** Per-item features by tower index. */
export interface ItemSide {
  category: Int32Array;
  priceBucket: Int32Array;
}

/** Create a stepper with buffers for up to `maxBatch` examples and `maxCand` candidates. */
export function createBatchStep(
  p: TwoTowerParams,
  side: ItemSide,
  maxBatch: number,
  maxCand: number,
  tied = false,
) {
  const { dim: d, maxLen: L } = p;
  const out = tied ? p.ein : p.eout;
  const attn = new Float32Array(maxBatch * L);
  const h = new Float32Array(maxBatch * 2 * d);
  const s = new Float32Array(maxBatch * d);
  const v = new Float32Array(maxCand * d);
  const logits = new Float32Array(maxBatch * maxCand);
  const ds = new Float32Array(maxBatch * d);
  const dv = new Float32Array(maxCand * d);
  const dh = new Float32Array(maxBatch * 2 * d);
  const denseT = new Float32Array(2 * d * d);

  /** Session vectors for the examples `batch` (rows of `s`). */
  function sessionForward(ex: Examples, batch: ArrayLike<number>): void {
    for (let b = 0; b < batch.length; b++) {
      const e = batch[b] * L;
      let max = -Infinity;
      for (let q = 0; q < L; q++) {
        const logit = p.posBias[q] + p.ageCoef[0] * ex.ages[e + q] + (ex.items[e + q] > 0 ? 0 : -1e4);
        attn[b * L + q] = logit;
        max = Math.max(max, logit);
      }
      let sum = 0;
      for (let q = 0; q < L; q++) {
        attn[b * L + q] = Math.exp(attn[b * L + q] - max);
        sum += attn[b * L + q];
      }
      const hb = b * 2 * d;
      h.fill(0, hb, hb + 2 * d);
      for (let q = 0; q < L; q++) {
        attn[b * L + q] /= sum;
        const a = attn[b * L + q];
        const row = ex.items[e + q] * d;
        if (row === 0) continue;
        for (let j = 0; j < d; j++) h[hb + j] += a * p.ein[row + j];
      }
      const last = ex.items[e + L - 1] * d;
      for (let j = 0; j < d; j++) h[hb + d + j] = p.ein[last + j];
    }
    matMulAB(h, p.dense, batch.length, 2 * d, d, s);
    for (let b = 0; b < batch.length; b++) for (let j = 0; j < d; j++) s[b * d + j] += p.bias[j];
  }

  function itemForward(c: Candidates): void {
    for (let k = 0; k < c.count; k++) {
      const item = c.items[k];
      const id = c.dropId[k] ? -1 : item * d;
      const cat = side.category[item] * d;
      const pb = side.priceBucket[item] * d;
      for (let j = 0; j < d; j++)
        v[k * d + j] = (id >= 0 ? out[id + j] : 0) + p.cat[cat + j] + p.price[pb + j];
    }
  }

  return {
    /** Forward + backward; `labels[b]` is the candidate slot of example b's target. */
    step(
      ex: Examples,
      batch: ArrayLike<number>,
      c: Candidates,
      labels: Int32Array,
      g: Record<ParamKey, Float32Array>,
    ): number {
      const B = batch.length;
      const M = c.count;
      sessionForward(ex, batch);
      itemForward(c);
      matMulABt(s, v, B, M, d, logits);
      let loss = 0;
      for (let b = 0; b < B; b++) {
        const target = ex.target[batch[b]];
        const row = b * M;
        let max = -Infinity;
        for (let k = 0; k < M; k++) {
          const masked = c.items[k] === target && k !== labels[b];
          const z = masked ? -Infinity : logits[row + k] - c.logQ[k];
          logits[row + k] = z;
          if (z > max) max = z;
        }
        let sum = 0;
        for (let k = 0; k < M; k++) {
          logits[row + k] = Math.exp(logits[row + k] - max);
          sum += logits[row + k];
        }
        loss -= Math.log(logits[row + labels[b]] / sum);
        for (let k = 0; k < M; k++) logits[row + k] /= sum * B; // softmax / B: mean loss
        logits[row + labels[b]] -= 1 / B;
      }
      // logits now hold dLoss/dlogit.
      matMulAB(logits, v, B, M, d, ds);
      dv.fill(0, 0, M * d);
      addMatMulAtB(logits, s, B, M, d, dv);
      for (let k = 0; k < M; k++) {
        const item = c.items[k];
        const cat = side.category[item] * d;
        const pb = side.priceBucket[item] * d;
        for (let j = 0; j < d; j++) {
          const gj = dv[k * d + j];
          if (!c.dropId[k]) (tied ? g.ein : g.eout)[item * d + j] += gj;
          g.cat[cat + j] += gj;
          g.price[pb + j] += gj;
        }
      }
      addMatMulAtB(h, ds, B, 2 * d, d, g.dense);
      for (let b = 0; b < B; b++) for (let j = 0; j < d; j++) g.bias[j] += ds[b * d + j];
      for (let i = 0; i < 2 * d; i++) for (let j = 0; j < d; j++) denseT[j * 2 * d + i] = p.dense[i * d + j];
      matMulAB(ds, denseT, B, d, 2 * d, dh);
      for (let b = 0; b < B; b++) {
        const e = batch[b] * L;
        const hb = b * 2 * d;
        // Attention: d(logit_q) = a_q (x_q·dpooled − Σ a·(x·dpooled)).
        let mean = 0;
        const dot = new Float64Array(L);
        for (let q = 0; q < L; q++) {
          const row = ex.items[e + q] * d;
          if (row === 0) continue;
          let t = 0;
          for (let j = 0; j < d; j++) t += p.ein[row + j] * dh[hb + j];
          dot[q] = t;
          mean += attn[b * L + q] * t;
        }
        for (let q = 0; q < L; q++) {
          const a = attn[b * L + q];
          const dl = a * (dot[q] - mean);
          g.posBias[q] += dl;
          g.ageCoef[0] += dl * ex.ages[e + q];
          const row = ex.items[e + q] * d;
          if (row === 0) continue;
          const latest = q === L - 1;
          for (let j = 0; j < d; j++) g.ein[row + j] += a * dh[hb + j] + (latest ? dh[hb + d + j] : 0);
        }
      }
      return loss;
    },
    sessionForward,
    sessionVectors: s,
  };
}
