/** Launch the Debian Chromium (installed by apt when missing) headless through playwright-core. */
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

/** A headless Chromium with the container-friendly flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
}
