/** Old browsers: no built bundle may call an API the SDK's declared browsers lack (see ../baseline.ts). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lateApisIn } from '../baseline.ts';
import { buildSdk, builtFile, type SdkBuild } from '../build.ts';
import { type BundleSpec, SDK_BUNDLES, VITALS_BUNDLE } from '../bundles.ts';

/**
 * Late APIs a bundle may hold because its source only reaches them where they exist. Each entry
 * names the guard; nothing else is excused.
 */
const GUARDED: Record<string, string[]> = {
  // web-vitals 6 calls `.at(-1)` in its CLS and INP code; sdk/src/vitals.ts registers those two
  // only where `Array.prototype.at` exists (the others still report).
  [VITALS_BUNDLE.out]: ['Array/String.prototype.at (Safari 15.4, Chrome 92)'],
};

const dir = mkdtempSync(join(tmpdir(), 'rec-sdk-baseline-'));
let built: SdkBuild;
const fileOf = (spec: BundleSpec) => builtFile(built, spec);

beforeAll(async () => {
  built = await buildSdk(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each(SDK_BUNDLES)('$out calls no API newer than Chrome 80, Firefox 74, Safari 14', (spec) => {
  const late = lateApisIn(readFileSync(join(dir, fileOf(spec)), 'utf8'));
  const allowed = GUARDED[spec.out] ?? [];
  expect(late.filter((api) => !allowed.includes(api)).map((api) => `${spec.out}: ${api}`)).toEqual([]);
});

it('names the API it finds (the check is not vacuous)', () => {
  expect(lateApisIn('if(Object.hasOwn(a,b))x=a.at(-1)')).toEqual([
    'Object.hasOwn (Safari 15.4, Chrome 93)',
    'Array/String.prototype.at (Safari 15.4, Chrome 92)',
  ]);
  expect(lateApisIn('Object.prototype.hasOwnProperty.call(a,b)')).toEqual([]);
});
