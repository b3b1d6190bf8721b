/** In a test file of the e2e project: the servers its globalSetup started (`shared-servers.ts`). */
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { LaunchOptions } from './launch-chromium.ts';
import { type Shop, shopOn } from './sdk-shop.ts';
import type { SharedServers } from './shared-servers.ts';
import { type Storefront, storefrontOn } from './storefront.ts';

/** The shared demo storefront (model published) with a Chromium of this file's own. */
export function sharedDemoStorefront(browserOptions?: LaunchOptions): Promise<Storefront> {
  const { demoStorefront }: SharedServers = inject('sharedServers');
  return storefrontOn(demoStorefront, browserOptions);
}

/** The shared SDK test shop with a Chromium of this file's own. */
export function sharedShop(): Promise<Shop> {
  const { sdkShop }: SharedServers = inject('sharedServers');
  return shopOn(sdkShop.base);
}

/** A shared server as a test file holds it: new visitors' contexts, and its Chromium to stop. */
interface SharedHandle {
  context(...args: never[]): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/**
 * Hold a shared server for a whole file: `use` receives it before the file's tests run and its
 * Chromium stops after them. The answer opens a new visitor's context, closed after its test.
 */
function useShared<H extends SharedHandle>(
  open: () => Promise<H>,
  use: (handle: H) => void,
): (...args: Parameters<H['context']>) => Promise<BrowserContext> {
  let handle: H | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    handle = await open();
    use(handle);
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) {
      // A route handler still waiting on `route.fetch()` would reject once the context is gone.
      await c.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
      await c.close().catch(() => {});
    }
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return async (...args) => {
    const context = await handle!.context(...args);
    contexts.push(context);
    return context;
  };
}

/** The shared SDK shop for a whole file (see `useShared`). */
export const useSharedShop = (use: (shop: Shop) => void) => useShared(sharedShop, use);

/** The shared demo storefront for a whole file (see `useShared`). */
export const useSharedStorefront = (use: (shop: Storefront) => void) =>
  useShared(() => sharedDemoStorefront(), use);
