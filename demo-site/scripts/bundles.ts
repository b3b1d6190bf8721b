/**
 * The browser bundles the build writes into dist/public, with their gzip budgets. One esbuild call
 * each; `npm test` checks the budgets against exactly these bundles.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BundleSpec {
  /** Entry module, relative to the repo root. */
  entry: string;
  /** File name under dist/public. */
  out: string;
  /** Largest allowed gzip size in bytes, when the bundle ships to shops. */
  gzipBudget?: number;
}

/** `<rec-widget>`: shipped to shops, loaded only by pages that use it. */
export const WIDGET_BUNDLE: BundleSpec = {
  entry: 'sdk/src/widget/rec-widget.ts',
  out: 'rec-widget.js',
  gzipBudget: 5 * 1024,
};
/**
 * The recommend extension of the SDK (`rec.recommend`, `rec.subscribe`, cache, on-device re-rank);
 * `<rec-widget>` loads it from next to itself when the page has not.
 */
export const RECOMMEND_BUNDLE: BundleSpec = {
  entry: 'sdk/src/recommend/install.ts',
  out: 'rec-recommend.js',
  gzipBudget: 4 * 1024,
};
/** The demo storefront's own script. */
export const SHOP_BUNDLE: BundleSpec = { entry: 'demo-site/src/app/main.ts', out: 'shop.js' };

/** Bundle one entry, minified, as a classic script (works with or without `type="module"`). */
export async function bundle(spec: BundleSpec): Promise<{ code: string; gzipBytes: number }> {
  const result = await esbuild({
    entryPoints: [resolve(ROOT, spec.entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    // Size trick: private `_fields` of shipped code get one-letter names (web-vitals does the same).
    ...(spec.gzipBudget ? { mangleProps: /^_/ } : {}),
  });
  const code = result.outputFiles[0].text;
  return { code, gzipBytes: gzipSync(code, { level: 9 }).length };
}
