/**
 * What the browser tests observe: polling until the edge has something, what a page left on the
 * device, and which API requests a context made.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { TestWindow } from './test-window.ts';

/** Poll `probe` until it returns a value that is not undefined; fail with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Everything the SDK could have left on the device for the page's origin. */
export async function deviceStorage(page: Page) {
  const inPage = await page.evaluate(async () => {
    const w = globalThis as unknown as TestWindow;
    return {
      localStorage: w.localStorage.length,
      sessionStorage: w.sessionStorage.length,
      indexedDB: (await w.indexedDB.databases()).map((db) => db.name),
      documentCookie: w.document.cookie,
    };
  });
  return { ...inPage, cookies: (await page.context().cookies()).length };
}

/** Requests to the API (/v1/*) made by a context, with their kind (fetch, ping = beacon). */
export function recordApiRequests(context: BrowserContext, base: string) {
  const requests: { method: string; path: string; kind: string; body?: string }[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(`${base}/v1/`)) return;
    const url = new URL(request.url());
    requests.push({
      method: request.method(),
      path: url.pathname,
      kind: request.resourceType(),
      body: request.postData() ?? undefined,
    });
  });
  return requests;
}
