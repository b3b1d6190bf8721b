/** Size is a feature: build the SDK and hold every shipped file to its gzip budget. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSdk, builtFile, type SdkBuild } from '../build.ts';
import {
  type BundleSpec,
  RECOMMEND_BUNDLE,
  SDK_BUNDLES,
  WIDGET_BUNDLE,
  WIDGET_PAGE_GZIP_BUDGET,
} from '../bundles.ts';

const dir = mkdtempSync(join(tmpdir(), 'rec-sdk-size-'));
let built: SdkBuild;
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const fileOf = (spec: BundleSpec) => builtFile(built, spec);

beforeAll(async () => {
  built = await buildSdk(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each(SDK_BUNDLES)('ships $out within its gzip budget', (spec) => {
  const file = fileOf(spec);
  const size = gzipSync(read(file), { level: 9 }).length;
  console.log(`${file}: ${built.bytes[file]} B minified, ${size} B gzip (budget ${spec.gzipBudget})`);
  expect(size).toBeLessThanOrEqual(spec.gzipBudget);
});

it('keeps what a page with widgets loads beside the core (recommend + widget) within its budget', () => {
  const size = [RECOMMEND_BUNDLE, WIDGET_BUNDLE]
    .map((spec) => gzipSync(read(fileOf(spec)), { level: 9 }).length)
    .reduce((a, b) => a + b, 0);
  console.log(`recommend + widget: ${size} B gzip (budget ${WIDGET_PAGE_GZIP_BUDGET})`);
  expect(size).toBeLessThanOrEqual(WIDGET_PAGE_GZIP_BUDGET);
});

it('serves the core under its hashed name too, byte for byte', () => {
  expect(read(built.coreHashed)).toBe(read(built.core));
});

it('ships no eval or Function constructor (strict CSP without unsafe-eval)', () => {
  for (const spec of SDK_BUNDLES) expect(read(fileOf(spec))).not.toMatch(/\beval\(|new Function\(/);
});
