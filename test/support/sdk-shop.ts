/**
 * A shop for the SDK's browser tests: a real `wrangler dev` (own port, own state directory, own
 * site key and admin token) and a real Chromium. Test pages are served at `<worker>/e2e/…` by
 * routing the page's own HTML and script; everything else (rec.js, /v1/*) is the real Worker.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';
import { launchChromium } from './launch-chromium.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

export const SITE_KEY = 'e2e';
export const ADMIN_TOKEN = 'e2e-admin-token';

/** A test page: data attributes of the rec.js tag, markup before it, the shop's own script. */
export interface PageSpec {
  /** `data-*` attributes (without the prefix) added to the rec.js tag; `key` defaults to SITE_KEY. */
  data?: Record<string, string>;
  /** HTML placed before the snippet (a CMP, a dataLayer…). */
  head?: string;
  /** The shop's script (served from /e2e/app.js, after the snippet, before rec.js has loaded). */
  app?: string;
  /** A Content-Security-Policy header for the page. */
  csp?: string;
}

/** An event as the Session Durable Object stores it (the fields the tests read). */
export interface StoredEvent {
  id: string;
  type: string;
  ts: number;
  itemId?: string;
  props?: Record<string, unknown>;
}

/** A running Worker plus browser. */
export interface Shop {
  base: string;
  browser: Browser;
  /** The built snippet (what a shop pastes inline) and its CSP hash source. */
  snippet: string;
  snippetCsp: string;
  /** A fresh browser context (empty storage) serving the given test page at /e2e/shop.html. */
  context(spec?: PageSpec): Promise<BrowserContext>;
  /** Open the test page in `context`. */
  open(context: BrowserContext): Promise<Page>;
  /** The stored session from the admin API, or null when it does not exist. */
  session(id: string): Promise<{ sessionId: string; userId?: string; events: StoredEvent[] } | null>;
  stop(): Promise<void>;
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The HTML of a test page. */
export function pageHtml(snippet: string, spec: PageSpec = {}): string {
  const data = { key: SITE_KEY, ...spec.data };
  const attrs = Object.entries(data)
    .map(([name, value]) => ` data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${attr(value)}"`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>E2E shop</title>${spec.head ?? ''}
<script>${snippet}</script>
<script async src="/rec.js"${attrs}></script>
<script src="/e2e/app.js"></script>
</head><body><h1>E2E shop</h1></body></html>`;
}

/** Start wrangler dev on a free port with a throwaway state directory and the e2e site key. */
export const startShopServer = (): Promise<SiteServer> =>
  startSiteServer('rec-e2e-state-', ADMIN_TOKEN, SITE_KEY);

/** A Chromium of its own on a running shop server; `stop` closes the browser, then `stopServer`. */
export async function shopOn(base: string, stopServer: () => Promise<void> = async () => {}): Promise<Shop> {
  const b = await launchChromium();
  const snippet = readFileSync(resolve(ROOT, 'dist/public/rec-snippet.js'), 'utf8');
  const { snippetCsp } = JSON.parse(readFileSync(resolve(ROOT, 'dist/public/rec-manifest.json'), 'utf8'));

  return {
    base,
    browser: b,
    snippet,
    snippetCsp,
    async context(spec = {}) {
      const context = await b.newContext();
      const headers: Record<string, string> = spec.csp ? { 'Content-Security-Policy': spec.csp } : {};
      await context.route(`${base}/e2e/shop.html`, (route) =>
        route.fulfill({ contentType: 'text/html', headers, body: pageHtml(snippet, spec) }),
      );
      await context.route(`${base}/e2e/app.js`, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: spec.app ?? '' }),
      );
      return context;
    },
    async open(context) {
      const page = await context.newPage();
      await page.goto(`${base}/e2e/shop.html`);
      return page;
    },
    async session(id) {
      const res = await fetch(`${base}/v1/sessions/${id}?key=${SITE_KEY}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`GET /v1/sessions/${id}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async stop() {
      await b.close().catch(() => {});
      await stopServer();
    },
  };
}

/** Start wrangler dev and launch Chromium: a shop of its own. */
export async function startShop(): Promise<Shop> {
  const server = await startShopServer();
  try {
    return await shopOn(server.base, server.stop);
  } catch (error) {
    await server.stop();
    throw error;
  }
}
