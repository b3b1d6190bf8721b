/**
 * The e2e project's two shared `wrangler dev` servers, started once by its globalSetup instead of
 * once per test file (a start costs 9–17 s of a loaded 2-core machine): the demo storefront with
 * the demo model published, and the shop for the SDK's test pages. Each test file still launches
 * its own Chromium, and each browser context is a new visitor with a session of its own, so files
 * share only what shops share in production: the catalogue, trending and the model. Files that
 * change those (the catalogue panel, retrain, the dashboard) start servers of their own.
 * Test files reach them through `use-shared.ts`.
 */
import { publishDemoModel } from './demo-model.ts';
import { startShopServer } from './sdk-shop.ts';
import { startStorefrontServer } from './storefront.ts';

/** What globalSetup hands the test files. */
export interface SharedServers {
  demoStorefront: { base: string; serverGroup: number };
  sdkShop: { base: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedServers: SharedServers;
  }
}

/** Start both servers side by side; `stop` stops both. */
export async function startSharedServers(): Promise<{ servers: SharedServers; stop(): Promise<void> }> {
  const started = await Promise.allSettled([
    startStorefrontServer().then(async (server) => {
      try {
        await publishDemoModel(server.base);
        return server;
      } catch (error) {
        await server.stop();
        throw error;
      }
    }),
    startShopServer(),
  ]);
  const stop = () => Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)));
  const [storefront, shop] = started;
  if (storefront.status === 'rejected' || shop.status === 'rejected') {
    await stop();
    throw storefront.status === 'rejected' ? storefront.reason : (shop as PromiseRejectedResult).reason;
  }
  return {
    servers: {
      demoStorefront: { base: storefront.value.base, serverGroup: storefront.value.serverGroup },
      sdkShop: { base: shop.value.base },
    },
    stop: async () => {
      await stop();
    },
  };
}
