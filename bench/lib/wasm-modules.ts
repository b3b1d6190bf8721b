/** Import first (before any Worker module) to make `.wasm` imports work in Node: see wasm-module-hooks.ts. */
import { register } from 'node:module';

register('./wasm-module-hooks.ts', import.meta.url);
