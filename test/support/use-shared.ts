/** In a test file of the e2e project: the servers its globalSetup started (`shared-servers.ts`). */
import { inject } from 'vitest';
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
