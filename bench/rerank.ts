/**
 * `tsx bench/rerank.ts [--candidates 200] [--dim 64]`: time the on-device re-rank in a real
 * headless Chromium and print JSON. Target: <= 1 ms for 200 candidates. Bounded: ~2 s of work.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { launchChromium } from '../test/support/launch-chromium.ts';
import type { run } from './rerank-page.ts';

const { values } = parseArgs({
  options: { candidates: { type: 'string', default: '200' }, dim: { type: 'string', default: '64' } },
});
const n = Number(values.candidates);
const dim = Number(values.dim);
if (!(n > 0 && dim > 0)) throw new Error('--candidates and --dim must be positive numbers');

const ROOT = resolve(import.meta.dirname, '..');
const lib = await build({
  entryPoints: [resolve(ROOT, 'bench/rerank-page.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'R',
  write: false,
});

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: lib.outputFiles[0].text });
  const result = await page.evaluate(
    ([n, dim]) => (globalThis as unknown as { R: { run: typeof run } }).R.run(n, dim),
    [n, dim],
  );
  const version = browser.version();
  console.log(
    JSON.stringify(
      {
        bench: 'rerank',
        browser: `Chromium ${version}`,
        candidates: n,
        dim,
        unit: 'ms per re-rank',
        rerankMs: result.rerankOnly,
        decodeAndRerankMs: result.decodeAndRerank,
        targetMs: 1,
        met: result.rerankOnly.p50 <= 1,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}
