/** Size is a feature: build the SDK and hold every shipped file to its gzip budget. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSdk, builtFile, type SdkBuild } from '../build.ts';
import { type BundleSpec, SDK_BUNDLES } from '../bundles.ts';

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

it('serves the core under its hashed name too, byte for byte', () => {
  expect(read(built.coreHashed)).toBe(read(built.core));
});

it('ships no eval or Function constructor (strict CSP without unsafe-eval)', () => {
  for (const spec of SDK_BUNDLES) expect(read(fileOf(spec))).not.toMatch(/\beval\(|new Function\(/);
});
