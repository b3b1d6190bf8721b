/**
 * vitest globalSetup of the e2e project: make sure Chromium is installed (apt, when missing) and
 * that dist/public holds the built SDK and dashboard, so `vitest --project e2e` also works on its
 * own; then start the servers the test files share (`shared-servers.ts`), stopped at the end.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../demo-site/scripts/build.ts';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { ensureChromium } from './chromium.ts';
import { startSharedServers } from './shared-servers.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  if (!['rec.js', 'admin/index.html'].every((f) => existsSync(resolve(ROOT, 'dist/public', f))))
    await build();
  const { servers, stop } = await startSharedServers();
  project.provide('sharedServers', servers);
  return stop;
}
