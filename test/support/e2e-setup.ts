/**
 * vitest globalSetup of the e2e project: make sure Chromium is installed (apt, when missing) and
 * that dist/public holds the built SDK and dashboard, so `vitest --project e2e` also works on its own.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from '../../demo-site/scripts/build.ts';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { ensureChromium } from './chromium.ts';

export default async function setup(): Promise<void> {
  ensureChromium();
  if (!['rec.js', 'admin/index.html'].every((f) => existsSync(resolve(ROOT, 'dist/public', f))))
    await build();
}
