/**
 * The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) this project
 * writes, compiled at load time with protobufjs. Field numbers are ONNX's; only what the session
 * tower needs is declared, so the file stays readable.
 */
import protobuf from 'protobufjs';

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

const root = protobuf.parse(ONNX_SUBSET, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');

/** ONNX TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT8: 3, INT32: 6, INT64: 7 } as const;
/** ONNX AttributeProto.AttributeType values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

/** A tensor initializer: raw little-endian bytes plus shape and type. */
export interface OnnxTensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

/** One attribute of a node (only the kinds the tower uses). */
export interface OnnxAttribute {
  name: string;
  type: number;
  i?: number;
  f?: number;
  ints?: number[];
  floats?: number[];
}

/** One graph node. */
export interface OnnxNode {
  op_type: string;
  name: string;
  input: string[];
  output: string[];
  attribute?: OnnxAttribute[];
}

/** A graph input or output: name, element type and shape (a string is a symbolic dimension). */
export interface OnnxValueInfo {
  name: string;
  elemType: number;
  shape: (number | string)[];
}

/** Everything needed to serialise a model. */
export interface OnnxModelSpec {
  graphName: string;
  doc: string;
  opset: number;
  modelVersion: number;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

const valueInfo = (v: OnnxValueInfo) => ({
  name: v.name,
  type: {
    tensor_type: {
      elem_type: v.elemType,
      shape: {
        dim: v.shape.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })),
      },
    },
  },
});

/** Serialise a model to ONNX protobuf bytes (IR version 8, default domain). */
export function encodeOnnxModel(spec: OnnxModelSpec): Uint8Array {
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
  const err = ModelProto.verify(message);
  if (err) throw new Error(`invalid ONNX model: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}
