import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleScan, SCAN_WASM } from './assemble-scan.ts';

describe('scan.wasm', () => {
  it('is what scan.wat assembles to (run edge/scripts/assemble-scan.ts after editing the .wat)', async () => {
    expect(Buffer.from(await assembleScan()).equals(readFileSync(SCAN_WASM))).toBe(true);
  });
});
