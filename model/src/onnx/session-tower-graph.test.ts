import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { dequantizeSessionTower, quantizeSessionTower } from '../tower/quantized-tower.ts';
import { randomTowerWeights } from '../tower/random-tower.ts';
import { sessionTowerForward } from '../tower/session-tower.ts';
import { buildSessionTowerOnnx } from './session-tower-graph.ts';
import { TOWER_IO } from './tower-io.ts';

ort.env.wasm.numThreads = 1;

/** Park–Miller minimal standard generator, uniform in (0, 1). */
function parkMiller(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const SESSIONS: { items: number[]; ages: number[] }[] = [
  { items: [0, 0, 0, 0, 0, 0, 0, 5], ages: [0, 0, 0, 0, 0, 0, 0, 0] },
  { items: [0, 0, 0, 0, 3, 17, 17, 99], ages: [0, 0, 0, 0, 3.2, 1.5, 0.7, 0] },
  { items: [1, 2, 3, 4, 5, 6, 7, 8], ages: [6, 5, 4, 3, 2, 1, 0.5, 0] },
  { items: [0, 0, 0, 0, 0, 0, 0, 0], ages: [0, 0, 0, 0, 0, 0, 0, 0] },
];

describe('int8 session tower ONNX', { timeout: 30_000 }, () => {
  const N = 400;
  const D = 16;
  const weights = randomTowerWeights(N, D, 8, parkMiller(42));
  const quantized = quantizeSessionTower(weights);
  const bytes = buildSessionTowerOnnx(quantized);

  it('runs in onnxruntime-web and equals the TypeScript reference on the int8 weights', async () => {
    const session = await ort.InferenceSession.create(bytes);
    const L = weights.maxLen;
    const items = Int32Array.from(SESSIONS.flatMap((s) => s.items));
    const ages = Float32Array.from(SESSIONS.flatMap((s) => s.ages));
    const result = await session.run({
      [TOWER_IO.items]: new ort.Tensor('int32', items, [SESSIONS.length, L]),
      [TOWER_IO.ages]: new ort.Tensor('float32', ages, [SESSIONS.length, L]),
    });
    const out = result[TOWER_IO.output];
    expect(out.dims).toEqual([SESSIONS.length, weights.dim]);
    const data = out.data as Float32Array;
    const reference = dequantizeSessionTower(quantized);
    SESSIONS.forEach((s, b) => {
      const expected = sessionTowerForward(reference, s.items, s.ages);
      const got = data.subarray(b * weights.dim, (b + 1) * weights.dim);
      for (let j = 0; j < weights.dim; j++) expect(got[j]).toBeCloseTo(expected[j], 5);
    });
  });

  it('stores weights as int8, not as cast floats', () => {
    // int8 matrices + float32 scales and small vectors + graph overhead; float32 matrices would be 4×.
    const int8Bytes = N * D + 2 * D * D + 4 * (N + D + D + 8);
    expect(bytes.length).toBeLessThan(int8Bytes + 3000);
    expect(bytes.length).toBeLessThan((4 * (N * D + 2 * D * D)) / 2);
  });

  it('stays close to the float tower (quantization error is small)', () => {
    const reference = dequantizeSessionTower(quantized);
    for (const s of SESSIONS.slice(0, 3)) {
      const f = sessionTowerForward(weights, s.items, s.ages);
      const q = sessionTowerForward(reference, s.items, s.ages);
      const norm = Math.hypot(...f);
      const diff = Math.hypot(...f.map((v, j) => v - q[j]));
      expect(diff / norm).toBeLessThan(0.02);
      expect(diff).toBeGreaterThan(0); // really quantized, so not bit-identical
    }
  });
});
