/**
 * Build everything the Worker serves as static assets into dist/public: the demo storefront and
 * the SDK bundles and the shop owner's dashboard (`/admin/`). Run by `npm start`, `npm test` and `npm run deploy`.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDashboard } from '../../dashboard/build.ts';
import { buildSdk } from '../../sdk/build.ts';
import { buildShop } from './build-shop.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const PUBLIC_DIR = resolve(ROOT, 'dist/public');

/** Rebuild dist/public from scratch. */
export async function build(): Promise<void> {
  rmSync(PUBLIC_DIR, { recursive: true, force: true });
  mkdirSync(PUBLIC_DIR, { recursive: true });
  cpSync(resolve(ROOT, 'demo-site/public'), PUBLIC_DIR, { recursive: true });
  await buildSdk(PUBLIC_DIR);
  await buildShop(PUBLIC_DIR);
  await buildDashboard(PUBLIC_DIR);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await build();
