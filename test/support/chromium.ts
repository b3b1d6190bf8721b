/**
 * A real Chromium for browser tests and benches: the Debian package, installed with apt-get when
 * missing (never a downloaded browser), launched headless through playwright-core.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** Path of the Chromium binary, installing the Debian package first when none is present. */
export function ensureChromium(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  console.log('Chromium is missing: apt-get install chromium (~25 s)');
  execSync('apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = CANDIDATES.find((p) => existsSync(p));
  if (!installed) throw new Error(`apt-get installed chromium but none of ${CANDIDATES.join(', ')} exists`);
  return installed;
}

/** Launch headless Chromium with the flags that work in containers. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}
