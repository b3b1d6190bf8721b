/** Initializer constructors: typed arrays to ONNX raw little-endian tensors. */
import { DataType, type OnnxTensor } from './onnx-proto.ts';

// Typed arrays are little-endian on every platform Node and workerd run on, as raw_data requires.
const bytesOf = (a: ArrayBufferView) =>
  new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

/** A float32 tensor initializer. */
export function floatTensor(name: string, dims: number[], data: Float32Array): OnnxTensor {
  checkSize(name, dims, data.length);
  return { name, dims, data_type: DataType.FLOAT, raw_data: bytesOf(data) };
}

/** An int8 tensor initializer. */
export function int8Tensor(name: string, dims: number[], data: Int8Array): OnnxTensor {
  checkSize(name, dims, data.length);
  return { name, dims, data_type: DataType.INT8, raw_data: bytesOf(data) };
}

/** An int64 tensor initializer from small integers. */
export function int64Tensor(name: string, dims: number[], data: number[]): OnnxTensor {
  checkSize(name, dims, data.length);
  return { name, dims, data_type: DataType.INT64, raw_data: bytesOf(BigInt64Array.from(data, BigInt)) };
}

function checkSize(name: string, dims: number[], length: number): void {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (expected !== length)
    throw new Error(`tensor ${name}: dims ${dims} need ${expected} values, got ${length}`);
}

/** An int32 tensor initializer. */
export function int32Tensor(name: string, dims: number[], data: number[]): OnnxTensor {
  checkSize(name, dims, data.length);
  return { name, dims, data_type: DataType.INT32, raw_data: bytesOf(Int32Array.from(data)) };
}
