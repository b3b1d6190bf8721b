/**
 * The hand-written ONNX writer against protobufjs compiling the same subset of onnx.proto: the same
 * bytes for the session tower and for every attribute kind, so onnxruntime reads what it always read.
 */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { quantizeSessionTower } from '../tower/quantized-tower.ts';
import { randomTowerWeights } from '../tower/random-tower.ts';
import {
  AttributeType,
  DataType,
  encodeOnnxModel,
  type OnnxModelSpec,
  type OnnxValueInfo,
} from './onnx-proto.ts';
import { sessionTowerSpec } from './session-tower-graph.ts';

const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  int32 type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; string doc_string = 3; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { int64 dim_value = 1; string dim_param = 2; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  Tensor tensor_type = 1;
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

const ModelProto = protobuf.parse(ONNX_SUBSET, { keepCase: true }).root.lookupType('onnx.ModelProto');

const valueInfo = (v: OnnxValueInfo) => ({
  name: v.name,
  type: {
    tensor_type: {
      elem_type: v.elemType,
      shape: { dim: v.shape.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
    },
  },
});

/** What the writer replaced: the message object protobufjs encoded. */
function withProtobufjs(spec: OnnxModelSpec): Uint8Array {
  const message = {
    ir_version: 8,
    producer_name: 'edge-rec',
    producer_version: '1',
    model_version: spec.modelVersion,
    doc_string: spec.doc,
    opset_import: [{ domain: '', version: spec.opset }],
    graph: {
      name: spec.graphName,
      node: spec.nodes,
      initializer: spec.initializers,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  };
  expect(ModelProto.verify(message)).toBeNull();
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}

let seed = 7;
const rand = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};

describe('ONNX writer', () => {
  it('writes the session tower byte for byte as protobufjs does', () => {
    const spec = sessionTowerSpec(quantizeSessionTower(randomTowerWeights(300, 16, 8, rand)), 3);
    const bytes = encodeOnnxModel(spec);
    expect(bytes.length).toBeGreaterThan(300 * 16);
    expect(bytes).toEqual(new Uint8Array(withProtobufjs(spec)));
  });

  it('writes every attribute kind, negative and large integers, and empty fields alike', () => {
    const spec: OnnxModelSpec = {
      graphName: 'g',
      doc: '',
      opset: 13,
      modelVersion: 2 ** 40,
      nodes: [
        {
          op_type: 'Op',
          name: '',
          input: ['a', ''],
          output: ['b'],
          attribute: [
            { name: 'f', type: AttributeType.FLOAT, f: -1.5 },
            { name: 'i', type: AttributeType.INT, i: -3 },
            { name: 'zero', type: AttributeType.INT, i: 0 },
            { name: 'fs', type: AttributeType.FLOATS, floats: [0.25, -2, 1e-8] },
            { name: 'is', type: AttributeType.INTS, ints: [-1, 0, 300, 2 ** 35] },
          ],
        },
        { op_type: 'Identity', name: 'n', input: [], output: [] },
      ],
      initializers: [
        { name: 's', dims: [], data_type: DataType.FLOAT, raw_data: new Uint8Array(4) },
        { name: 't', dims: [2, 0, 129], data_type: DataType.INT64, raw_data: new Uint8Array(0) },
      ],
      inputs: [{ name: 'a', elemType: DataType.INT32, shape: ['batch', 0, 2 ** 20] }],
      outputs: [],
    };
    expect(encodeOnnxModel(spec)).toEqual(new Uint8Array(withProtobufjs(spec)));
  });
});
