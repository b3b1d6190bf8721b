/** Size is a feature: build the SDK and hold every shipped file to its gzip budget. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSdk, type SdkBuild } from '../build.ts';

/** gzip budgets in bytes (level 9, what a CDN serves). */
const BUDGET = { core: 6 * 1024, vitals: 5 * 1024, snippet: 300 };

const dir = mkdtempSync(join(tmpdir(), 'rec-sdk-size-'));
let built: SdkBuild;
const gz = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;

beforeAll(async () => {
  built = await buildSdk(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps the core rec.js within its gzip budget', () => {
  const size = gz(built.core);
  console.log(`rec.js: ${built.bytes[built.core]} B minified, ${size} B gzip (budget ${BUDGET.core})`);
  expect(size).toBeLessThanOrEqual(BUDGET.core);
  expect(readFileSync(join(dir, built.coreHashed), 'utf8')).toBe(readFileSync(join(dir, built.core), 'utf8'));
});

it('keeps the web-vitals chunk and the snippet within their budgets', () => {
  const vitals = gz(built.vitals);
  const snippet = gz(built.snippetFile);
  console.log(`vitals chunk: ${vitals} B gzip; snippet: ${built.snippet.length} B, ${snippet} B gzip`);
  expect(vitals).toBeLessThanOrEqual(BUDGET.vitals);
  expect(snippet).toBeLessThanOrEqual(BUDGET.snippet);
});

it('ships no eval or Function constructor (strict CSP without unsafe-eval)', () => {
  for (const file of [built.core, built.vitals, built.snippetFile]) {
    const code = readFileSync(join(dir, file), 'utf8');
    expect(code).not.toMatch(/\beval\(|new Function\(/);
  }
});
