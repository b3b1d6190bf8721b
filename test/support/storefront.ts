/**
 * The demo storefront for browser tests and benches: the built `dist/public` served by a real
 * `wrangler dev` (free port, throwaway state, the demo site key allowed for that origin) and a
 * real Chromium. Pages are the shop's own; nothing is routed unless a test says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomFreePort as freePort } from '../../edge/scripts/free-port.ts';
import { startDevServer } from '../../edge/scripts/wrangler-dev.ts';
import { type LaunchOptions, launchChromium } from './launch-chromium.ts';

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

/** A running `wrangler dev` serving the storefront (no browser). */
export interface StorefrontServer {
  base: string;
  serverGroup: number;
  stop(): Promise<void>;
}

/** Start wrangler dev on a free port and throwaway state, with the demo site key for its own origin. */
export async function startStorefrontServer(): Promise<StorefrontServer> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'rec-storefront-'));
  try {
    const server = await startDevServer({
      port,
      persistTo: state,
      vars: { ADMIN_TOKEN: STOREFRONT_ADMIN_TOKEN, SITE_KEYS: JSON.stringify({ demo: { origins: [base] } }) },
    });
    return {
      base,
      serverGroup: server.process.pid!,
      async stop() {
        await server.stop();
        rmSync(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
}

/** A Chromium of its own on a running storefront server; `stop` closes the browser, then `stopServer`. */
export async function storefrontOn(
  server: Pick<StorefrontServer, 'base' | 'serverGroup'>,
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
