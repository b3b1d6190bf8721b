/**
 * `npm run fuzz -- --runs N [--seed S]`: the fuzz suite (edge/test/fuzz) alone, with N cases in all
 * instead of `npm test`'s budget; `--seed` replays a run (every run prints its seed).
 */
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { offlineEnv } from '../edge/scripts/wrangler-dev.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
for (const [name, value] of Object.entries(values)) {
  if (value !== undefined && !/^-?\d+$/.test(value)) {
    console.error(`--${name} must be a whole number, got ${value}`);
    process.exit(2);
  }
}
try {
  execSync('npx vitest run --config test/vitest.config.ts --project edge edge/test/fuzz', {
    cwd: resolve(import.meta.dirname, '..'),
    stdio: 'inherit',
    env: { ...offlineEnv(), FUZZ_RUNS: values.runs ?? '', FUZZ_SEED: values.seed ?? '' },
  });
} catch {
  process.exit(1);
}
