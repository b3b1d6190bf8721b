/**
 * Assemble `edge/src/vectorize/scan.wat` into the committed `scan.wasm` (wabt, SIMD enabled).
 * Run after editing the .wat: `npx tsx edge/scripts/assemble-scan.ts`. The Worker imports the .wasm
 * (workerd compiles only imported modules, never bytes at run time).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import wabtInit from 'wabt';

export const SCAN_WAT = resolve(import.meta.dirname, '../src/vectorize/scan.wat');
export const SCAN_WASM = resolve(import.meta.dirname, '../src/vectorize/scan.wasm');

/** The bytes `scan.wat` assembles to. */
export async function assembleScan(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('scan.wat', readFileSync(SCAN_WAT, 'utf8'), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

if (process.argv[1] === import.meta.filename) {
  const bytes = await assembleScan();
  writeFileSync(SCAN_WASM, bytes);
  console.log(`wrote ${SCAN_WASM} (${bytes.length} bytes)`);
}
