/**
 * Every browser bundle the SDK ships, with its gzip budget, and the one way they are built.
 * `sdk/build.ts` writes them; `sdk/test/size.test.ts` holds each to its budget.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { minifySync } from 'rolldown/experimental';

const ROOT = resolve(import.meta.dirname, '..');

export interface BundleSpec {
  /** Entry module, relative to the repo root. */
  entry: string;
  /** File name in the served folder (the core and vitals also get content-hashed copies). */
  out: string;
  /** Largest allowed gzip size in bytes (level 9, what a CDN serves). */
  gzipBudget: number;
  /** `false`: ship esbuild's output as it is, without oxc's second renaming (see `bundle`). */
  remangle?: false;
  /** The widget's build-time `EXTENSION_INSIDE`: the bundle carries the recommend extension. */
  extensionInside?: true;
}

/**
 * `rec.js`: tracking, consent, the queue and delivery; the one script tag a shop adds. Budget: what
 * was reached (5,498 B on 2026-12-02); issue 15's goal of 4,096 B is not met (sdk/README.md, "Size").
 */
export const CORE_BUNDLE: BundleSpec = { entry: 'sdk/src/index.ts', out: 'rec.js', gzipBudget: 5504 };
/** web-vitals reporting, loaded by the core after the page is idle. */
export const VITALS_BUNDLE: BundleSpec = {
  entry: 'sdk/src/vitals.ts',
  out: 'rec-vitals.js',
  gzipBudget: 5 * 1024,
};
/** GA4 ecommerce events from `dataLayer`, loaded by the core when its tag has `data-datalayer`. */
export const DATALAYER_BUNDLE: BundleSpec = {
  entry: 'sdk/src/datalayer.ts',
  out: 'rec-datalayer.js',
  gzipBudget: 1024,
};
/**
 * The IAB TCF and Consent Mode adapters, loaded by the core only when the page has `__tcfapi` or a
 * `dataLayer` (size trick: most of 0.4 KB gzip the other pages never load).
 */
export const CONSENT_BUNDLE: BundleSpec = {
  entry: 'sdk/src/consent-cmp.ts',
  out: 'rec-consent.js',
  gzipBudget: 1024,
};
/** The stub that queues `rec.*` calls until `rec.js` arrives (inline or `/rec-snippet.js`). */
export const SNIPPET_BUNDLE: BundleSpec = {
  entry: 'sdk/src/snippet.ts',
  out: 'rec-snippet.js',
  gzipBudget: 300,
  // What shops paste into their pages stays as it was (its CSP hash too, and no backtick-quoted
  // strings in their HTML): oxc would save it 2 B.
  remangle: false,
};
/**
 * The recommend extension (`rec.recommend`, `rec.subscribe`, cache, on-device re-rank, the page's
 * one push socket); `<rec-widget>` loads it from next to itself when the page has not. Budget: what
 * was reached (3,796 B on 2026-12-02: main's 3,634 B +162 B for one socket carrying every widget's
 * subscription; 3,807 B with a leaving widget unsubscribed a microtask later).
 */
export const RECOMMEND_BUNDLE: BundleSpec = {
  entry: 'sdk/src/recommend/install.ts',
  out: 'rec-recommend.js',
  gzipBudget: 3784, // 3,778 B on 2026-12-02 (unpackVectors' message gone, -47 B; the event-sent check, +14 B)
};
/** `<rec-widget>`: loaded only by pages that show recommendations. */
export const WIDGET_BUNDLE: BundleSpec = {
  entry: 'sdk/src/widget/rec-widget.ts',
  out: 'rec-widget.js',
  gzipBudget: 2680, // 2,674 B on 2026-12-02 (+27 B: one price formatter per currency, not one per card)
};

/**
 * `/rec-widgets.js`: the recommend extension and `<rec-widget>` as one file, what a page with widgets
 * loads beside the core. Issue 15's goal for the two together is 6,144 B.
 */
export const WIDGETS_BUNDLE: BundleSpec = {
  entry: 'sdk/src/widget/with-recommend.ts',
  out: 'rec-widgets.js',
  extensionInside: true,
  gzipBudget: 6144, // 6,140 B on 2026-12-02, the one push socket included
};

/**
 * The two files apart (each gzipped, as served), for pages that load `/rec-recommend.js` themselves:
 * what was reached (6,452 B on 2026-12-02; 6,451 B before unpackVectors lost its message and the
 * widget got its price formatters).
 */
export const WIDGET_PAGE_GZIP_BUDGET = 6456;

/** All of them, in build order. */
export const SDK_BUNDLES = [
  CORE_BUNDLE,
  VITALS_BUNDLE,
  DATALAYER_BUNDLE,
  CONSENT_BUNDLE,
  SNIPPET_BUNDLE,
  RECOMMEND_BUNDLE,
  WIDGET_BUNDLE,
  WIDGETS_BUNDLE,
];

/**
 * The syntax the bundles may use: es2020 runs in Chrome/Edge 80+, Firefox 74+, Safari 14+ (optional
 * chaining and `??` stay as written; lowering them to es2019 cost the recommend bundle 185 B gzip).
 * Newer *APIs* (e.g. `Object.hasOwn`) are not lowered: the SDK's sources avoid them.
 */
export const SDK_TARGET = 'es2020';

/**
 * Bundle one entry, minified, as a classic script (works with or without `type="module"`);
 * `define` replaces build-time constants such as the vitals chunk's hashed name.
 */
export async function bundle(
  spec: Pick<BundleSpec, 'entry' | 'remangle' | 'extensionInside'>,
  define: Record<string, string> = {},
): Promise<{ code: string; gzipBytes: number }> {
  const result = await esbuild({
    entryPoints: [resolve(ROOT, spec.entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: SDK_TARGET,
    platform: 'browser',
    legalComments: 'none',
    define: { EXTENSION_INSIDE: String(spec.extensionInside === true), ...define },
    write: false,
    // Size trick: private `_fields` get one-letter names (web-vitals does the same). Safe across
    // bundles: no bundle reads another's `_` fields; they meet only through `window.rec`'s public API.
    // `__names` are the platform's (`window.__tcfapi`) and keep theirs.
    mangleProps: /^_/,
    reserveProps: /^__/,
    // Size trick: class fields as assignments in the constructor, not esbuild's `__publicField`
    // helper and one `defineProperty` call per field (es2020 has no class fields); no SDK class
    // has a field that shadows an accessor, so the two mean the same here. (This replaces the
    // tsconfig esbuild would read: `alwaysStrict` keeps the "use strict" that `strict` gave.)
    tsconfigRaw: { compilerOptions: { alwaysStrict: true, useDefineForClassFields: false } },
  });
  // Size trick: oxc's mangler (rolldown's minifier) renames esbuild's output once more: it gives
  // nested scopes the same few names as the outer ones (shadowing what they do not use), which
  // gzip finds again (recommend −122 B, widget −24 B, core −206 B gzip on 2026-12-01). Renaming
  // only: oxc's `compress` would take ~20 B more from a widget page, but it is alpha and rewrites
  // expressions. A classic script (`.js`, not a module): the "use strict" prologue stays.
  let code = result.outputFiles[0]!.text;
  if (spec.remangle !== false) {
    const minified = minifySync('bundle.js', code, { compress: false, mangle: true });
    if (minified.errors.length) throw new Error(`oxc minify ${spec.entry}: ${minified.errors[0]!.message}`);
    code = minified.code;
  }
  return { code, gzipBytes: gzipSync(code, { level: 9 }).length };
}
