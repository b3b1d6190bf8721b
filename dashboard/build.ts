/**
 * Build the shop owner's dashboard into `<outDir>/admin/`: `index.html` (served at `/admin/`),
 * `dashboard.css` and the page's script `dashboard.js` (not shipped to shops' visitors: no gzip
 * budget, but no framework or chart library either). Called by demo-site/scripts/build.ts.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const HERE = import.meta.dirname;

/** Write the dashboard's files into `<outDir>/admin/`; returns their sizes in bytes. */
export async function buildDashboard(outDir: string): Promise<Record<string, number>> {
  const dir = resolve(outDir, 'admin');
  mkdirSync(dir, { recursive: true });
  for (const file of ['index.html', 'dashboard.css'])
    copyFileSync(resolve(HERE, 'public', file), resolve(dir, file));
  const result = await build({
    entryPoints: [resolve(HERE, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    write: false,
  });
  const code = result.outputFiles[0]!.text;
  writeFileSync(resolve(dir, 'dashboard.js'), code);
  return { 'admin/dashboard.js': code.length };
}
