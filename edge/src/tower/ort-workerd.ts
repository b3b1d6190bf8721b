/**
 * onnxruntime-web inside workerd. workerd refuses to compile WebAssembly from bytes ("Wasm code
 * generation disallowed by embedder"), so the ORT wasm is imported as a module (wrangler compiles
 * it at upload; `*.wasm` imports are CompiledWasm by wrangler's default module rules) and, while ORT
 * initialises, `WebAssembly.instantiate(bytes, imports)` is answered with that module instead.
 * ORT 1.30 has no emscripten `instantiateWasm` hook, hence the temporary patch. Single-threaded, no
 * proxy worker: workerd has neither SharedArrayBuffer threads nor Web Workers.
 */

import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm';
import * as ort from 'onnxruntime-web/wasm';

export type { InferenceSession, Tensor } from 'onnxruntime-web/wasm';
export { ort };

// Any non-empty value makes ORT skip fetching the wasm; the patched instantiate never reads it.
const PLACEHOLDER = new Uint8Array([0]);
let queue: Promise<unknown> = Promise.resolve();

type Instantiate = typeof WebAssembly.instantiate;

/** Run `fn` with `WebAssembly.instantiate` serving the imported ORT module for byte sources. */
async function withImportedWasm<T>(fn: () => Promise<T>): Promise<T> {
  const original: Instantiate = WebAssembly.instantiate;
  const instantiate = (module: WebAssembly.Module, imports?: WebAssembly.Imports) =>
    original.call(WebAssembly, module, imports);
  const patched = (source: unknown, imports?: WebAssembly.Imports) =>
    source instanceof WebAssembly.Module
      ? instantiate(source, imports)
      : instantiate(ortWasm, imports).then((instance) => ({ instance, module: ortWasm }));
  WebAssembly.instantiate = patched as Instantiate;
  try {
    return await fn();
  } finally {
    WebAssembly.instantiate = original;
  }
}

/**
 * Create an inference session from ONNX bytes. Calls are serialised so the instantiate patch is never
 * interleaved; after the first, ORT's wasm runtime is already up and creation is pure ORT work.
 */
export function createSession(model: Uint8Array): Promise<ort.InferenceSession> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = PLACEHOLDER;
  const next = queue.then(() =>
    withImportedWasm(() => ort.InferenceSession.create(model, { executionProviders: ['wasm'] })),
  );
  queue = next.catch(() => undefined);
  return next;
}
