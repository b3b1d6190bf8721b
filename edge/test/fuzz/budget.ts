/**
 * How much the fuzz suite runs: `FUZZ_RUNS` cases in all (default: the `npm test` budget), shared
 * among the properties by weight, from `FUZZ_SEED` (default: a fresh seed, printed so a failure can
 * be replayed with `npm run fuzz -- --seed <seed>`). Both arrive as bindings from the vitest config.
 */
import { env } from 'cloudflare:workers';

/** Cases per `npm test`, over all properties. */
export const DEFAULT_RUNS = 10_000;

const fuzzEnv = env as unknown as { FUZZ_RUNS?: string; FUZZ_SEED?: string };
const total = Number(fuzzEnv.FUZZ_RUNS) > 0 ? Number(fuzzEnv.FUZZ_RUNS) : DEFAULT_RUNS;

/** A property's time limit: long nightly runs included (a hang still fails). */
export const FUZZ_TIMEOUT_MS = 60 * 60_000;

/** The seed of this run. */
export const SEED =
  Number.isInteger(Number(fuzzEnv.FUZZ_SEED)) && fuzzEnv.FUZZ_SEED
    ? Number(fuzzEnv.FUZZ_SEED)
    : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;

/** fast-check parameters for a property that gets `share` of the run (shares over all files sum to 1). */
export function runsOf(share: number): { numRuns: number; seed: number } {
  return { numRuns: Math.max(1, Math.round(total * share)), seed: SEED };
}

/** Print cases/s of a property once it ran (the figure the issue asks for). */
export function report(name: string, cases: number, ms: number): void {
  console.log(
    `fuzz ${name}: ${cases} cases in ${(ms / 1000).toFixed(1)} s, ${Math.round((cases / ms) * 1000)} cases/s (seed ${SEED})`,
  );
}
