/** wrangler (and vitest-pool-workers) compile imported `.wasm` files at upload into a `WebAssembly.Module`. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
