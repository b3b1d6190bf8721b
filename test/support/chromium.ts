/**
 * Find the Debian Chromium binary, installing it with apt when it is missing (never
 * `npx playwright install`: there is no internet here except apt and npm).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** Flags that make headless Chromium work as root in a container without a GPU or network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--headless',
];

/** The Chromium executable path, or undefined when none is installed. */
export function findChromium(): string | undefined {
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * Return the Chromium path, installing the Debian package first when it is absent. Other test
 * runs may hold the apt/dpkg lock at the same time, so wait for it and retry a few times.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const lock = '-o DPkg::Lock::Timeout=300';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      console.log(`Chromium missing: installing the Debian package (attempt ${attempt})…`);
      execSync(
        `apt-get ${lock} update -q && apt-get ${lock} install -y -q --no-install-recommends chromium`,
        {
          stdio: 'inherit',
          env,
        },
      );
    } catch (error) {
      lastError = error;
    }
    const path = findChromium();
    if (path) return path;
    execSync('sleep 10');
  }
  throw new Error(`Could not install Chromium with apt-get: ${String(lastError)}`);
}
