/**
 * The in-page half of `bench/rerank.ts`: bundled by esbuild and run inside Chromium, it times the
 * shipped re-rank code on synthetic candidates and returns per-call figures.
 */
import { packVectors, unpackVectors } from '../contracts/packed-vectors.ts';
import { rerank } from '../sdk/src/recommend/rerank.ts';

/** p50 / p99 / max of per-call times over batches, ms. */
export interface Timing {
  p50: number;
  p99: number;
  max: number;
  batches: number;
  callsPerBatch: number;
}

function time(fn: () => void, batch: number, batches: number): Timing {
  for (let i = 0; i < batch * 5; i++) fn(); // warm up the JIT
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perCall.push((performance.now() - t0) / batch);
  }
  perCall.sort((a, b) => a - b);
  const q = (p: number) =>
    Number(perCall[Math.min(perCall.length - 1, Math.floor(p * perCall.length))].toFixed(4));
  return { p50: q(0.5), p99: q(0.99), max: q(1), batches, callsPerBatch: batch };
}

/** Time re-ranking `n` candidates of dimension `dim`, with vectors pre-decoded and decoded per call. */
export function run(n: number, dim: number): { rerankOnly: Timing; decodeAndRerank: Timing } {
  let seed = 1;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
  const candidates = Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    score: 1 - i / n,
    category: `c${i % 12}`,
    title: `Item ${i}`,
  }));
  const packed = packVectors(
    candidates.map(() => Array.from({ length: dim }, rnd)),
    dim,
  );
  const vectors = unpackVectors(packed);
  // What the visitor did: a category browse and six item views, some among the candidates.
  const recent = [
    { category: 'c3' },
    ...[5, 17, 40, 77, 150, 199].map((i) => ({ id: `i${i % n}`, category: `c${i % 12}` })),
  ];
  let sink = 0;
  const rerankOnly = time(
    () => {
      sink += rerank(candidates, vectors, recent)[0].score;
    },
    50,
    60,
  );
  const decodeAndRerank = time(
    () => {
      sink += rerank(candidates, unpackVectors(packed), recent)[0].score;
    },
    50,
    60,
  );
  if (!Number.isFinite(sink)) throw new Error('re-rank produced a non-finite score');
  return { rerankOnly, decodeAndRerank };
}
