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

/**
 * Resolve once the context has seen a marker request the page starts now: Chromium reports a page's
 * requests in the order it starts them, so every request started before has been reported too.
 */
export async function requestsReported(page: Page): Promise<void> {
  const marker = `/requests-reported?${Math.random().toString(36).slice(2)}`;
  const seen = page.waitForRequest((request) => request.url().endsWith(marker));
  await page.evaluate((path) => void fetch(path).catch(() => {}), marker);
  await seen;
}

/**
 * Resolve once an image of `src` created now has failed (or loaded): an `<img src=… onerror=…>`
 * that hostile markup injected before it has run its handler by then.
 */
export function imageHandlersRan(page: Page, src = 'x'): Promise<void> {
  return page.evaluate(
    (url) =>
      new Promise<void>((resolve) => {
        const { Image } = globalThis as unknown as {
          Image: new () => { src: string; onerror: () => void; onload: () => void };
        };
        const img = new Image();
        img.onerror = img.onload = () => resolve();
        img.src = url;
      }),
    src,
  );
}
