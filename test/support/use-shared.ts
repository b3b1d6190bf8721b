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

/**
 * The shared SDK shop for a whole file: `use` receives it before the file's tests run and its
 * Chromium stops after them. The answer opens a new visitor's context, closed after its test.
 */
export function useSharedShop(use: (shop: Shop) => void): Shop['context'] {
  let shop: Shop | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    shop = await sharedShop();
    use(shop);
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) {
      await c.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
      await c.close().catch(() => {});
    }
  });
  afterAll(async () => {
    await shop?.stop();
  });
  return async (spec) => {
    const context = await shop!.context(spec);
    contexts.push(context);
    return context;
  };
}
