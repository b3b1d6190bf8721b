/**
 * Node module hooks: `import m from './x.wasm'` yields a compiled `WebAssembly.Module`, as wrangler's
 * bundler does for the Worker, so benches can run Worker code that imports wasm in-process.
 * Registered by `wasm-modules.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Load hook: a .wasm file becomes a module exporting its compiled `WebAssembly.Module`. */
export async function load(
  url: string,
  context: unknown,
  next: (url: string, context: unknown) => Promise<unknown>,
): Promise<unknown> {
  if (!url.endsWith('.wasm')) return next(url, context);
  const base64 = readFileSync(fileURLToPath(url)).toString('base64');
  return {
    format: 'module',
    shortCircuit: true,
    source: `export default new WebAssembly.Module(Buffer.from(${JSON.stringify(base64)}, 'base64'));`,
  };
}
