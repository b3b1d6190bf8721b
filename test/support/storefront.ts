/**
 * The demo storefront for browser tests and benches: the built `dist/public` served by a real
 * `wrangler dev` (free port, throwaway state, the demo site key allowed for that origin) and a
 * real Chromium. Pages are the shop's own; nothing is routed unless a test says so.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type LaunchOptions, launchChromium } from './launch-chromium.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

export const STOREFRONT_ADMIN_TOKEN = 'storefront-admin-token';

/** A running storefront. */
export interface Storefront {
  base: string;
  browser: Browser;
  /** Process group of `wrangler dev` and its workerd (for CPU time, `bench/lib/process-cpu.ts`). */
  serverGroup: number;
  /** A fresh context (empty storage), 1280×900. */
  context(): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/** Start wrangler dev on a free port and throwaway state, with the demo site key for its own origin. */
export const startStorefrontServer = (): Promise<SiteServer> =>
  startSiteServer('rec-storefront-', STOREFRONT_ADMIN_TOKEN, 'demo');

/** A Chromium of its own on a running storefront server; `stop` closes the browser, then `stopServer`. */
export async function storefrontOn(
  server: Pick<SiteServer, 'base' | 'serverGroup'>,
  browserOptions: LaunchOptions = {},
  stopServer: () => Promise<void> = async () => {},
): Promise<Storefront> {
  const browser = await launchChromium(browserOptions);
  return {
    base: server.base,
    browser,
    serverGroup: server.serverGroup,
    context: () => browser.newContext({ viewport: { width: 1280, height: 900 } }),
    async stop() {
      await browser.close().catch(() => {});
      await stopServer();
    },
  };
}

/** Start wrangler dev with the demo site key for its own origin, and Chromium. */
export async function startStorefront(browserOptions: LaunchOptions = {}): Promise<Storefront> {
  const server = await startStorefrontServer();
  try {
    return await storefrontOn(server, browserOptions, server.stop);
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Open `path` and wait until the shop has rendered its page (the router set an h1). */
export async function openShop(context: BrowserContext, base: string, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(base + path);
  await page.locator('main h1').waitFor();
  return page;
}

/**
 * Wait until every recommendation slot on the page shows an answer from the edge or the device
 * (cards, or an empty list when there is nothing to recommend).
 */
export async function slotsFilled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as {
      document: { querySelectorAll(selector: string): ArrayLike<{ recommendations?: unknown }> };
    };
    return Array.from(document.querySelectorAll('main rec-widget')).every((w) => w.recommendations);
  });
}
