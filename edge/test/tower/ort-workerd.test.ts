/**
 * The only edge test that imports the 14 MB ORT wasm (it costs ~10 s per test file in
 * vitest-pool-workers). The ONNX graph is written here with protobufjs, field numbers from onnx.proto.
 */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { createSession, ort } from '../../src/tower/ort-workerd.ts';

// protobufjs' reflection (Root/Type) generates code with `new Function`, which workerd forbids, so the
// messages are written with its low-level Writer. Field numbers are onnx.proto's.
type Encode = (w: protobuf.Writer) => void;
const LEN = 2;
const VARINT = 0;
const msg = (w: protobuf.Writer, field: number, body: Encode) => {
  w.uint32((field << 3) | LEN).fork();
  body(w);
  w.ldelim();
};
const str = (w: protobuf.Writer, field: number, s: string) => w.uint32((field << 3) | LEN).string(s);
const int = (w: protobuf.Writer, field: number, n: number) => w.uint32((field << 3) | VARINT).int64(n);

const FLOAT = 1;
const INT8 = 3;

// ValueInfoProto{name=1, type=2: TypeProto{tensor_type=1: {elem_type=1, shape=2: {dim=1: {dim_value=1|dim_param=2}}}}}
const valueInfo =
  (name: string, dims: (number | string)[]): Encode =>
  (w) => {
    str(w, 1, name);
    msg(w, 2, (t) =>
      msg(t, 1, (tt) => {
        int(tt, 1, FLOAT);
        msg(tt, 2, (shape) => {
          for (const d of dims)
            msg(shape, 1, (dim) => (typeof d === 'number' ? int(dim, 1, d) : str(dim, 2, d)));
        });
      }),
    );
  };

// TensorProto{dims=1, data_type=2, name=8, raw_data=9}
const tensor =
  (name: string, dims: number[], dataType: number, raw: Uint8Array): Encode =>
  (w) => {
    for (const d of dims) int(w, 1, d);
    int(w, 2, dataType);
    str(w, 8, name);
    w.uint32((9 << 3) | LEN).bytes(raw);
  };

// NodeProto{input=1, output=2, op_type=4}
const node =
  (opType: string, inputs: string[], outputs: string[]): Encode =>
  (w) => {
    for (const i of inputs) str(w, 1, i);
    for (const o of outputs) str(w, 2, o);
    str(w, 4, opType);
  };

/** y = relu(x · dequantize(Wq, scale)): an int8 weight like the quantized tower's. */
function tinyModel(weights: Int8Array, scale: number): Uint8Array {
  const w = protobuf.Writer.create();
  int(w, 1, 8); // ModelProto.ir_version
  str(w, 2, 'ort-workerd.test'); // producer_name
  msg(w, 8, (o) => int(o, 2, 13)); // opset_import {version 13}
  msg(w, 7, (g) => {
    msg(g, 1, node('DequantizeLinear', ['Wq', 'scale'], ['W']));
    msg(g, 1, node('MatMul', ['x', 'W'], ['h']));
    msg(g, 1, node('Relu', ['h'], ['y']));
    str(g, 2, 'tiny');
    msg(g, 5, tensor('Wq', [4, 2], INT8, new Uint8Array(weights.buffer)));
    msg(g, 5, tensor('scale', [], FLOAT, new Uint8Array(new Float32Array([scale]).buffer)));
    msg(g, 11, valueInfo('x', ['batch', 4]));
    msg(g, 12, valueInfo('y', ['batch', 2]));
  });
  return w.finish();
}

describe('onnxruntime-web in workerd', () => {
  it('creates a session from ONNX bytes and runs int8-dequantized MatMul + Relu', async () => {
    const session = await createSession(tinyModel(new Int8Array([1, -1, 2, -2, 3, -3, 4, -4]), 0.5));
    expect(session.inputNames).toEqual(['x']);
    const x = new ort.Tensor('float32', new Float32Array([1, 1, 1, 1, 1, 0, 0, 0]), [2, 4]);
    const { y } = await session.run({ x });
    // row 1: 0.5 * (1+2+3+4) = 5 and relu(-5) = 0; row 2: 0.5 * 1 = 0.5 and relu(-0.5) = 0
    expect(Array.from(y!.data as Float32Array)).toEqual([5, 0, 0.5, 0]);
    expect(y!.dims).toEqual([2, 2]);
  });

  it('creates several sessions (a model swap) in the same isolate, concurrently', async () => {
    const [a, b] = await Promise.all([
      createSession(tinyModel(new Int8Array([1, 0, 1, 0, 1, 0, 1, 0]), 1)),
      createSession(tinyModel(new Int8Array([0, 2, 0, 2, 0, 2, 0, 2]), 1)),
    ]);
    const x = new ort.Tensor('float32', new Float32Array([1, 2, 3, 4]), [1, 4]);
    expect(Array.from((await a.run({ x })).y!.data as Float32Array)).toEqual([10, 0]);
    expect(Array.from((await b.run({ x })).y!.data as Float32Array)).toEqual([0, 20]);
  });

  it('leaves WebAssembly.instantiate as it found it', async () => {
    const before = WebAssembly.instantiate;
    await createSession(tinyModel(new Int8Array(8), 1));
    expect(WebAssembly.instantiate).toBe(before);
  });

  it('rejects bytes that are not an ONNX model with an error', async () => {
    await expect(createSession(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });
});
