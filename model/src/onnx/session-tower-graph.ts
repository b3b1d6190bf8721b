/**
 * Builds the int8 session-tower ONNX graph (opset 13) from quantized weights. It computes exactly
 * `sessionTowerForward` of `tower/session-tower.ts` on the dequantized weights:
 * int8 Gather → Cast·row scale, masked softmax attention over slots, ReduceSum, Concat with the
 * latest slot, MatMul with per-axis DequantizeLinear weights, Add bias.
 * Inputs: `items` int32 [batch, maxLen] (int32, not int64: no BigInt conversion per call), `ages` float32 [batch, maxLen]; output `embedding` [batch, dim].
 */

import type { QuantizedSessionTower } from '../tower/quantized-tower.ts';
import { MASK_PENALTY } from '../tower/session-tower.ts';
import { AttributeType, DataType, encodeOnnxModel, type OnnxModelSpec, type OnnxNode } from './onnx-proto.ts';
import { floatTensor, int8Tensor, int32Tensor, int64Tensor } from './tensors.ts';
import { TOWER_IO } from './tower-io.ts';

const node = (op_type: string, input: string[], output: string[], attribute?: OnnxNode['attribute']) => ({
  op_type,
  name: output[0],
  input,
  output,
  attribute,
});
const intAttr = (name: string, i: number) => ({ name, type: AttributeType.INT, i });

/** Serialise the quantized session tower as an ONNX model. */
export function buildSessionTowerOnnx(t: QuantizedSessionTower, modelVersion = 1): Uint8Array {
  return encodeOnnxModel(sessionTowerSpec(t, modelVersion));
}

/** The session tower's graph: int8 weights as initializers, dequantized in the graph. */
export function sessionTowerSpec(t: QuantizedSessionTower, modelVersion = 1): OnnxModelSpec {
  const { numItems: n, dim: d, maxLen: L } = t;
  const initializers = [
    int8Tensor('emb_q', [n, d], t.embeddingQ),
    floatTensor('emb_scale', [n], t.embeddingScale),
    floatTensor('pos_bias', [L], t.posBias),
    floatTensor('age_coef', [1], Float32Array.of(t.ageCoef)),
    int8Tensor('dense_q', [2 * d, d], t.denseQ),
    floatTensor('dense_scale', [d], t.denseScale),
    int8Tensor('dense_zero', [d], new Int8Array(d)),
    floatTensor('bias', [d], t.bias),
    int64Tensor('axes_last', [1], [-1]),
    int64Tensor('axes_slots', [1], [1]),
    int32Tensor('zero_i32', [], [0]),
    int64Tensor('latest_slot', [], [L - 1]),
    floatTensor('one', [], Float32Array.of(1)),
    floatTensor('penalty', [], Float32Array.of(MASK_PENALTY)),
  ];
  const nodes: OnnxNode[] = [
    // Embedding rows: int8 gather, then scale by each row's own scale.
    node('Gather', ['emb_q', TOWER_IO.items], ['rows_q']),
    node('Cast', ['rows_q'], ['rows_f'], [intAttr('to', DataType.FLOAT)]),
    node('Gather', ['emb_scale', TOWER_IO.items], ['row_scale']),
    node('Unsqueeze', ['row_scale', 'axes_last'], ['row_scale3']),
    node('Mul', ['rows_f', 'row_scale3'], ['x']),
    // Attention logits: posBias + ageCoef·age, padding pushed to -penalty.
    node('Mul', [TOWER_IO.ages, 'age_coef'], ['age_logit']),
    node('Add', ['age_logit', 'pos_bias'], ['logit_raw']),
    node('Greater', [TOWER_IO.items, 'zero_i32'], ['present_b']),
    node('Cast', ['present_b'], ['present'], [intAttr('to', DataType.FLOAT)]),
    node('Sub', ['present', 'one'], ['absent_neg']),
    node('Mul', ['absent_neg', 'penalty'], ['mask']),
    node('Add', ['logit_raw', 'mask'], ['logit']),
    node('Softmax', ['logit'], ['attn'], [intAttr('axis', -1)]),
    node('Unsqueeze', ['attn', 'axes_last'], ['attn3']),
    node('Mul', ['x', 'attn3'], ['x_weighted']),
    node('ReduceSum', ['x_weighted', 'axes_slots'], ['pooled'], [intAttr('keepdims', 0)]),
    node('Gather', ['x', 'latest_slot'], ['latest'], [intAttr('axis', 1)]),
    node('Concat', ['pooled', 'latest'], ['h'], [intAttr('axis', 1)]),
    node('DequantizeLinear', ['dense_q', 'dense_scale', 'dense_zero'], ['dense'], [intAttr('axis', 1)]),
    node('MatMul', ['h', 'dense'], ['projected']),
    node('Add', ['projected', 'bias'], [TOWER_IO.output]),
  ];
  return {
    graphName: 'session_tower',
    doc: `edge-rec session tower: ${n} items, dim ${d}, last ${L} events, int8 weights`,
    opset: 13,
    modelVersion,
    nodes,
    initializers,
    inputs: [
      { name: TOWER_IO.items, elemType: DataType.INT32, shape: ['batch', L] },
      { name: TOWER_IO.ages, elemType: DataType.FLOAT, shape: ['batch', L] },
    ],
    outputs: [{ name: TOWER_IO.output, elemType: DataType.FLOAT, shape: ['batch', d] }],
  };
}
