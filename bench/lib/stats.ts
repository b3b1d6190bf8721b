/** Latency summaries for the benches (milliseconds, rounded to 0.01). */

const round = (x: number) => Math.round(x * 100) / 100;

/** p50 / p90 / p99 / max / mean of a sample. */
export function summarize(samples: number[]): {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
} {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return {
    n: s.length,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(s.at(-1) ?? Number.NaN),
    mean: round(mean),
  };
}

/** Deterministic pseudo-random numbers so runs are comparable: the model's seeded generator. */
export { createRandom as rng } from '../../model/src/random.ts';
