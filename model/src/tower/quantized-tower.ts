/** The int8 form of the session tower that is exported to ONNX, and its exact float equivalent. */
import { dequantizeColumns, dequantizeRows, quantizeColumns, quantizeRows } from '../onnx/quantize.ts';
import type { SessionTowerWeights } from './session-tower.ts';

/** Session tower with int8 embedding (per-row scale) and int8 dense weights (per-column scale). */
export interface QuantizedSessionTower {
  numItems: number;
  dim: number;
  maxLen: number;
  embeddingQ: Int8Array;
  embeddingScale: Float32Array;
  posBias: Float32Array;
  ageCoef: number;
  denseQ: Int8Array;
  denseScale: Float32Array;
  bias: Float32Array;
}

/** Quantize the two weight matrices to int8 (the small vectors stay float32). */
export function quantizeSessionTower(w: SessionTowerWeights): QuantizedSessionTower {
  const emb = quantizeRows(w.embedding, w.numItems, w.dim);
  const dense = quantizeColumns(w.dense, 2 * w.dim, w.dim);
  return {
    numItems: w.numItems,
    dim: w.dim,
    maxLen: w.maxLen,
    embeddingQ: emb.q,
    embeddingScale: emb.scale,
    posBias: w.posBias,
    ageCoef: w.ageCoef,
    denseQ: dense.q,
    denseScale: dense.scale,
    bias: w.bias,
  };
}

/** The float weights the int8 tower computes with (what the ONNX graph sees after dequantizing). */
export function dequantizeSessionTower(q: QuantizedSessionTower): SessionTowerWeights {
  return {
    numItems: q.numItems,
    dim: q.dim,
    maxLen: q.maxLen,
    embedding: dequantizeRows({ q: q.embeddingQ, scale: q.embeddingScale }, q.dim),
    posBias: q.posBias,
    ageCoef: q.ageCoef,
    dense: dequantizeColumns({ q: q.denseQ, scale: q.denseScale }, q.dim),
    bias: q.bias,
  };
}
