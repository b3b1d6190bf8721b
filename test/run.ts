/**
 * `npm test`: lint + type check, build the served assets, then every vitest project
 * (edge in workerd, node, browser end to end). Exits non-zero on the first failure.
 */
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from '../demo-site/scripts/build.ts';
import { offlineEnv } from '../edge/scripts/wrangler-dev.ts';
import { ensureChromium } from './support/chromium.ts';

const ROOT = resolve(import.meta.dirname, '..');
const run = (cmd: string) => {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { cwd: ROOT, stdio: 'inherit', env: offlineEnv() });
};

try {
  run('npm run lint');
  console.log('\n$ build dist/public');
  await build();
  // Install Chromium once, up front: installed from inside a test file, apt's ~30 s ran past the
  // hook timeout of the browser tests in the node project (and several files raced for the lock).
  console.log(`\n$ chromium: ${ensureChromium()}`);
  // Browser tests run after the others, not beside them: the workerd pool saturating both cores
  // starved the SDK's replay-after-reload test into timeouts.
  run('npx vitest run --config test/vitest.config.ts --project edge --project node');
  run('npx vitest run --config test/vitest.config.ts --project e2e');
} catch {
  process.exit(1);
}
