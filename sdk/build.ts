/**
 * Build the browser SDK into a directory the Worker serves as static assets:
 * `rec.js` (short cache) and `rec.<hash>.js` (immutable), the web-vitals chunk `rec-vitals.<hash>.js`,
 * the dataLayer chunk `rec-datalayer.<hash>.js`, the consent-adapters chunk `rec-consent.<hash>.js`,
 * the stub snippet `rec-snippet.js`, the recommend extension `rec-recommend.js`, `<rec-widget>`'s
 * `rec-widget.js`, `rec-manifest.json` and `_headers` cache rules. The bundles are in `bundles.ts`.
 * Run directly (`npx tsx sdk/build.ts`) it builds into dist/public and refreshes the README snippet.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type BundleSpec,
  bundle,
  CONSENT_BUNDLE,
  CORE_BUNDLE,
  DATALAYER_BUNDLE,
  RECOMMEND_BUNDLE,
  SNIPPET_BUNDLE,
  VITALS_BUNDLE,
  WIDGET_BUNDLE,
  WIDGETS_BUNDLE,
} from './bundles.ts';

const README = resolve(import.meta.dirname, 'README.md');

/** What a build produced: file names (relative to outDir), the snippet and its CSP hash. */
export interface SdkBuild {
  core: string;
  coreHashed: string;
  vitals: string;
  datalayer: string;
  consent: string;
  snippetFile: string;
  snippet: string;
  /** `'sha256-…'` source expression that allows the inline snippet under a strict CSP. */
  snippetCsp: string;
  /** Minified bytes of each file. */
  bytes: Record<string, number>;
}

/** The file `spec` was written to in build `b` (the chunks are served under their hashed names only). */
export const builtFile = (b: SdkBuild, spec: BundleSpec): string =>
  spec === VITALS_BUNDLE
    ? b.vitals
    : spec === DATALAYER_BUNDLE
      ? b.datalayer
      : spec === CONSENT_BUNDLE
        ? b.consent
        : spec.out;

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** Build every SDK artifact into `outDir` and return what was written. */
export async function buildSdk(outDir: string): Promise<SdkBuild> {
  mkdirSync(outDir, { recursive: true });
  const vitalsCode = (await bundle(VITALS_BUNDLE)).code;
  const vitals = `rec-vitals.${hash(vitalsCode)}.js`;
  const datalayerCode = (await bundle(DATALAYER_BUNDLE)).code;
  const datalayer = `rec-datalayer.${hash(datalayerCode)}.js`;
  const consentCode = (await bundle(CONSENT_BUNDLE)).code;
  const consent = `rec-consent.${hash(consentCode)}.js`;
  const coreCode = (
    await bundle(CORE_BUNDLE, {
      __VITALS_FILE__: JSON.stringify(vitals),
      __DATALAYER_FILE__: JSON.stringify(datalayer),
      __CONSENT_FILE__: JSON.stringify(consent),
    })
  ).code;
  const coreHashed = `rec.${hash(coreCode)}.js`;
  const snippet = (await bundle(SNIPPET_BUNDLE)).code.trim();
  const snippetCsp = `'sha256-${createHash('sha256').update(snippet).digest('base64')}'`;
  const files: Record<string, string> = {
    [CORE_BUNDLE.out]: coreCode,
    [coreHashed]: coreCode,
    [vitals]: vitalsCode,
    [datalayer]: datalayerCode,
    [consent]: consentCode,
    [SNIPPET_BUNDLE.out]: snippet,
    [RECOMMEND_BUNDLE.out]: (await bundle(RECOMMEND_BUNDLE)).code,
    [WIDGET_BUNDLE.out]: (await bundle(WIDGET_BUNDLE)).code,
    [WIDGETS_BUNDLE.out]: (await bundle(WIDGETS_BUNDLE)).code,
    'rec-manifest.json': `${JSON.stringify({ core: coreHashed, vitals, datalayer, consent, snippetCsp }, null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(resolve(outDir, name), text);
  // Workers static assets read `_headers`: hashed names never change, /rec.js must pick up releases.
  // Our block replaces an earlier one and leaves other rules in the file alone.
  const headersFile = resolve(outDir, '_headers');
  const others = existsSync(headersFile)
    ? readFileSync(headersFile, 'utf8').replace(/# rec-sdk:start[\s\S]*?# rec-sdk:end\n/, '')
    : '';
  writeFileSync(
    headersFile,
    [
      ...(others.trim() ? [others.trimEnd()] : []),
      '# rec-sdk:start',
      '/rec.js',
      '  Cache-Control: public, max-age=300, stale-while-revalidate=86400',
      '/rec-snippet.js',
      '  Cache-Control: public, max-age=300',
      '/rec.*.js',
      '  Cache-Control: public, max-age=31536000, immutable',
      '/rec-vitals.*.js',
      '  Cache-Control: public, max-age=31536000, immutable',
      '/rec-datalayer.*.js',
      '  Cache-Control: public, max-age=31536000, immutable',
      '/rec-consent.*.js',
      '  Cache-Control: public, max-age=31536000, immutable',
      '# rec-sdk:end',
      '',
    ].join('\n'),
  );
  const bytes = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [name, Buffer.byteLength(text)]),
  );
  return {
    core: CORE_BUNDLE.out,
    coreHashed,
    vitals,
    datalayer,
    consent,
    snippetFile: SNIPPET_BUNDLE.out,
    snippet,
    snippetCsp,
    bytes,
  };
}

/** The README block that shows the snippet; generated, so it cannot drift from the source. */
export function readmeSnippetBlock(b: Pick<SdkBuild, 'snippet' | 'snippetCsp'>): string {
  return [
    '<!-- snippet:start (generated by `npx tsx sdk/build.ts`; do not edit) -->',
    '```html',
    `<script>${b.snippet}</script>`,
    '<script async src="https://shop.example/rec.js" data-key="demo"></script>',
    '```',
    '',
    `Strict CSP: allow the inline snippet with \`script-src 'self' ${b.snippetCsp}\`, or load`,
    '`/rec-snippet.js` as a file before `rec.js`.',
    '<!-- snippet:end -->',
  ].join('\n');
}

/** Replace the snippet block in `readme` text. */
export function withSnippet(readme: string, block: string): string {
  return readme.replace(/<!-- snippet:start[\s\S]*?<!-- snippet:end -->/, block);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const out = resolve(import.meta.dirname, '../dist/public');
  const result = await buildSdk(out);
  writeFileSync(README, withSnippet(readFileSync(README, 'utf8'), readmeSnippetBlock(result)));
  console.log(JSON.stringify(result.bytes));
}
