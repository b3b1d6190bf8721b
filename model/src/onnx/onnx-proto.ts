/**
 * The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) this project
 * writes: ModelProto → GraphProto → NodeProto / AttributeProto / TensorProto / ValueInfoProto, with
 * ONNX's field numbers (in the comments), written field by field in field-number order with
 * proto-writer.ts. Pure: runs in Node and workerd (the retrain Workflow builds its towers there).
 * onnx-proto.test.ts checks the bytes against protobufjs compiling the same subset.
 */
import { ProtoWriter } from './proto-writer.ts';

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

// ValueInfoProto { name = 1; type = 2 } → TypeProto { tensor_type = 1 } → Tensor { elem_type = 1;
// shape = 2 } → TensorShapeProto { dim = 1 } → Dimension { dim_value = 1 | dim_param = 2 }.
const valueInfo = (w: ProtoWriter, v: OnnxValueInfo) =>
  w
    .string(1, v.name)
    .message(2, (type) =>
      type.message(1, (tensor) =>
        tensor
          .int(1, v.elemType)
          .message(2, (shape) =>
            shape.messages(1, v.shape, (dim, d) =>
              typeof d === 'string' ? dim.string(2, d) : dim.int(1, d),
            ),
          ),
      ),
    );

// TensorProto { dims = 1; data_type = 2; name = 8; raw_data = 9 }.
const tensor = (w: ProtoWriter, t: OnnxTensor) =>
  w.ints(1, t.dims).int(2, t.data_type).string(8, t.name).bytes(9, t.raw_data);

// AttributeProto { name = 1; f = 2; i = 3; floats = 7; ints = 8; type = 20 }.
const attribute = (w: ProtoWriter, a: OnnxAttribute) =>
  w.string(1, a.name).float(2, a.f).int(3, a.i).floats(7, a.floats).ints(8, a.ints).int(20, a.type);

// NodeProto { input = 1; output = 2; name = 3; op_type = 4; attribute = 5 }.
const node = (w: ProtoWriter, n: OnnxNode) =>
  w
    .strings(1, n.input)
    .strings(2, n.output)
    .string(3, n.name)
    .string(4, n.op_type)
    .messages(5, n.attribute, attribute);

/** Serialise a model to ONNX protobuf bytes (IR version 8, default domain). */
export function encodeOnnxModel(spec: OnnxModelSpec): Uint8Array {
  // ModelProto { ir_version = 1; producer_name = 2; producer_version = 3; model_version = 5;
  // doc_string = 6; graph = 7; opset_import = 8 }; GraphProto { node = 1; name = 2; initializer = 5;
  // input = 11; output = 12 }; OperatorSetIdProto { domain = 1; version = 2 }.
  return new ProtoWriter()
    .int(1, 8)
    .string(2, 'edge-rec')
    .string(3, '1')
    .int(5, spec.modelVersion)
    .string(6, spec.doc)
    .message(7, (g) =>
      g
        .messages(1, spec.nodes, node)
        .string(2, spec.graphName)
        .messages(5, spec.initializers, tensor)
        .messages(11, spec.inputs, valueInfo)
        .messages(12, spec.outputs, valueInfo),
    )
    .message(8, (o) => o.string(1, '').int(2, spec.opset))
    .finish();
}
