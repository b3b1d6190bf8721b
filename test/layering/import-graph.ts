/**
 * The floor plan as code: which top-level part may import which, and which packages the SDK's
 * browser bundles may pull in. `layering.test.ts` runs it over the repository on every `npm test`.
 *
 *   contracts ← model ← edge;  contracts ← sdk;  contracts ← dashboard (the owner's page, which talks to
 *   the edge over HTTP only);  demo-site, bench and test may use everything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Top-level parts and the parts each may import (besides itself). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  contracts: [],
  model: ['contracts'],
  edge: ['contracts', 'model'],
  sdk: ['contracts'],
  dashboard: ['contracts'],
  'demo-site': ['contracts', 'model', 'edge', 'sdk', 'dashboard'],
  bench: ['contracts', 'model', 'edge', 'sdk', 'dashboard', 'demo-site', 'test'],
  test: ['contracts', 'model', 'edge', 'sdk', 'dashboard', 'demo-site'],
};

/** Entries of the bundles the SDK ships to shops; everything they reach runs in visitors' browsers. */
export const SDK_ENTRIES = [
  'sdk/src/index.ts',
  'sdk/src/vitals.ts',
  'sdk/src/snippet.ts',
  'sdk/src/recommend/install.ts',
  'sdk/src/widget/rec-widget.ts',
  'sdk/src/widget/with-recommend.ts',
];
/** The only packages the SDK's bundles may import. */
export const SDK_PACKAGES = ['idb-keyval', 'web-vitals'];
/** The only package the contracts may import, and only in `contracts/schema/` (the edge's validators). */
const SCHEMA_PACKAGE = 'valibot';

/** One import statement: where it is and what it names. */
export interface Import {
  file: string;
  line: number;
  specifier: string;
  /** Repo-relative target file for relative specifiers. */
  target?: string;
}

/** A broken rule, with the place to fix it. */
export interface Violation {
  file: string;
  line: number;
  message: string;
}

const SKIP = new Set(['node_modules', 'dist', '.wrangler', '.git', '.cache', '.model']);
const STATIC = /^[ \t]*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const BARE = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every `.ts` file under `root`, repo-relative with `/` separators. */
export function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceFiles(root, path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** The imports of one file (static, re-exports, side-effect and dynamic `import()`). */
export function importsOf(root: string, file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: Import[] = [];
  for (const re of [STATIC, BARE, DYNAMIC]) {
    for (const m of text.matchAll(re)) {
      const specifier = m[1]!;
      const line = text.slice(0, m.index).split('\n').length;
      const target = specifier.startsWith('.')
        ? relative(root, resolve(root, dirname(file), specifier)).replaceAll('\\', '/')
        : undefined;
      found.push({ file, line, specifier, target });
    }
  }
  return found;
}

const partOf = (path: string) => path.split('/')[0]!;
const isTest = (file: string) => file.endsWith('.test.ts') || /^[^/]+\/test\//.test(file);
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** Check the whole tree under `root`; returns every violation and how many imports were read. */
export function checkLayering(root: string): { imports: number; violations: Violation[] } {
  const files = sourceFiles(root);
  const graph = new Map(files.map((f) => [f, importsOf(root, f)]));
  const violations: Violation[] = [];
  for (const [file, imports] of graph) {
    const from = partOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) continue;
    for (const imp of imports) {
      if (imp.target) {
        const to = partOf(imp.target);
        if (to === from || !(to in ALLOWED)) continue;
        // A part's own tests may use the shared test helpers (e.g. launching Chromium).
        if (to === 'test' && isTest(file) && imp.target.startsWith('test/support/')) continue;
        if (!allowed.includes(to))
          violations.push({ ...imp, message: `${from}/ may not import ${to}/ (${imp.specifier})` });
      } else if (from === 'contracts' && !isTest(file)) {
        const inSchema = file.startsWith('contracts/schema/');
        if (!(inSchema && packageOf(imp.specifier) === SCHEMA_PACKAGE))
          violations.push({
            ...imp,
            message: `contracts/ imports no package outside contracts/schema/ and none but ${SCHEMA_PACKAGE} there (${imp.specifier})`,
          });
      }
    }
  }
  violations.push(...checkSdkBundles(graph));
  let imports = 0;
  for (const list of graph.values()) imports += list.length;
  return { imports, violations };
}

/** Walk from the SDK's bundle entries: only the SDK's own packages, never valibot or Node. */
function checkSdkBundles(graph: ReadonlyMap<string, Import[]>): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const stack = SDK_ENTRIES.filter((e) => graph.has(e));
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of graph.get(file) ?? []) {
      if (imp.target) {
        if (imp.target.endsWith('.ts')) stack.push(imp.target);
      } else if (!SDK_PACKAGES.includes(packageOf(imp.specifier))) {
        violations.push({
          ...imp,
          message: `${imp.specifier} would ship in the SDK's bundles (allowed: ${SDK_PACKAGES.join(', ')})`,
        });
      }
    }
  }
  return violations;
}
