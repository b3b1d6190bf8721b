/** Launch the Debian Chromium (installed by apt when missing) headless through playwright-core. */
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

/** Options of a launch. */
export interface LaunchOptions {
  /**
   * Let pages enter the back/forward cache. playwright-core passes `--disable-back-forward-cache`
   * by default (so `goBack()` always reloads); headless Chromium caches pages once it is dropped.
   */
  bfcache?: boolean;
}

/** A headless Chromium with the container-friendly flags. */
export function launchChromium({ bfcache = false }: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: bfcache ? ['--disable-back-forward-cache'] : undefined,
  });
}
