import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayering } from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the floor plan', () => {
  it('holds for the repository: every import runs down the floors', () => {
    const { imports, violations } = checkLayering(ROOT);
    expect(violations).toEqual([]);
    // Guard against a checker that reads nothing (a broken glob would pass every rule).
    expect(imports).toBeGreaterThan(500);
  });

  describe('fails on a wrong import', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    /** A throwaway tree with the given files, checked like the repository. */
    const check = (files: Record<string, string>) => {
      const root = mkdtempSync(join(tmpdir(), 'layering-'));
      dirs.push(root);
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      return checkLayering(root).violations.map((v) => `${v.file}:${v.line} ${v.message}`);
    };

    it('model importing edge, on the line it happens', () => {
      expect(
        check({
          'edge/src/app.ts': 'export const app = 1;\n',
          'model/src/train.ts':
            "// trains\nimport { app } from '../../edge/src/app.ts';\nexport const x = app;\n",
        }),
      ).toEqual(['model/src/train.ts:2 model/ may not import edge/ (../../edge/src/app.ts)']);
    });

    it('the SDK importing the edge, demo-site or bench, multi-line and dynamic imports included', () => {
      const dynamicImport = 'import'; // spelled apart so this file does not hold the import itself
      const found = check({
        'edge/src/app.ts': 'export const a = 1;\n',
        'demo-site/scripts/bundles.ts': 'export const b = 1;\n',
        'bench/lib/x.ts': 'export const c = 1;\n',
        'sdk/src/index.ts': [
          'import {',
          '  a,',
          "} from '../../edge/src/app.ts';",
          "export { b } from '../../demo-site/scripts/bundles.ts';",
          `const c = ${dynamicImport}('../../bench/lib/x.ts');`,
        ].join('\n'),
      });
      expect(found).toEqual([
        'sdk/src/index.ts:1 sdk/ may not import edge/ (../../edge/src/app.ts)',
        'sdk/src/index.ts:4 sdk/ may not import demo-site/ (../../demo-site/scripts/bundles.ts)',
        'sdk/src/index.ts:5 sdk/ may not import bench/ (../../bench/lib/x.ts)',
      ]);
    });

    it('valibot reaching the SDK bundle through a contract, and contracts importing packages', () => {
      const found = check({
        'contracts/schema/events.ts': "import * as v from 'valibot';\nexport const s = v.string();\n",
        'contracts/limits.ts': "import * as v from 'valibot';\nexport const n = 1;\n",
        'sdk/src/index.ts': "import { s } from '../../contracts/schema/events.ts';\nimport 'idb-keyval';\n",
      });
      expect(found).toEqual([
        'contracts/limits.ts:1 contracts/ imports no package outside contracts/schema/ and none but valibot there (valibot)',
        "contracts/schema/events.ts:1 valibot would ship in the SDK's bundles (allowed: idb-keyval, web-vitals)",
      ]);
    });

    it('the dashboard importing the edge or the SDK: it reads the edge through the API only', () => {
      expect(
        check({
          'edge/src/app.ts': 'export const a = 1;\n',
          'sdk/src/index.ts': 'export const b = 1;\n',
          'contracts/report.ts': 'export type Report = {};\n',
          'dashboard/src/app.ts': [
            "import type { Report } from '../../contracts/report.ts';",
            "import { a } from '../../edge/src/app.ts';",
            "import { b } from '../../sdk/src/index.ts';",
          ].join('\n'),
        }),
      ).toEqual([
        'dashboard/src/app.ts:2 dashboard/ may not import edge/ (../../edge/src/app.ts)',
        'dashboard/src/app.ts:3 dashboard/ may not import sdk/ (../../sdk/src/index.ts)',
      ]);
    });

    it('allows what the floors allow', () => {
      expect(
        check({
          'contracts/limits.ts': 'export const n = 1;\n',
          'model/src/a.ts': "import { n } from '../../contracts/limits.ts';\nexport const a = n;\n",
          'edge/src/b.ts': "import { a } from '../../model/src/a.ts';\nimport { Hono } from 'hono';\n",
          'sdk/test/c.test.ts': "import { x } from '../../test/support/launch-chromium.ts';\n",
          'demo-site/scripts/d.ts': "import { b } from '../../edge/src/b.ts';\n",
          'dashboard/src/e.ts': "import { n } from '../../contracts/limits.ts';\n",
          'demo-site/scripts/f.ts': "import { e } from '../../dashboard/src/e.ts';\n",
        }),
      ).toEqual([]);
    });
  });
});
