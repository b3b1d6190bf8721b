/** Small helpers to drive the SDK inside a test page (`window.rec` via page.evaluate). */
import type { Page } from 'playwright-core';
import type { Rec, RecContext, RecStats } from '../../sdk/src/types.ts';
import type { TestWindow } from './test-window.ts';

/** Wait until rec.js has replaced the stub. */
export async function sdkLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (globalThis as unknown as TestWindow).rec?.stats === 'function');
}

/** Call `rec.<method>(...args)` in the page and return its (serialisable) result. */
export function call<M extends keyof Rec>(
  page: Page,
  method: M,
  ...args: Parameters<Rec[M]>
): Promise<unknown> {
  return page.evaluate(
    ([m, a]) => {
      const rec = (globalThis as unknown as TestWindow).rec as unknown as Record<
        string,
        (...x: unknown[]) => unknown
      >;
      return rec[m as string](...(a as unknown[]));
    },
    [method, args] as const,
  );
}

/** Track `count` view events numbered from `from` (props.n), in the page. */
export function trackViews(page: Page, from: number, count: number): Promise<void> {
  return page.evaluate(
    ([start, n]) => {
      const { rec } = globalThis as unknown as TestWindow;
      for (let i = start; i < start + n; i++) rec.track('Product Viewed', { product_id: `sku-${i}`, n: i });
    },
    [from, count] as const,
  );
}

/** The SDK's delivery counters. */
export const stats = (page: Page) => call(page, 'stats') as Promise<RecStats>;
/** The SDK's context (session id, consent…). */
export const context = (page: Page) => call(page, 'context') as Promise<RecContext>;

/** Rows in the SDK's IndexedDB store (0 when the database does not exist; never creates it). */
export function storedRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const idb = (globalThis as unknown as { indexedDB: IDBFactoryLike }).indexedDB;
    if (!(await idb.databases()).some((d) => d.name === 'rec')) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = idb.open('rec');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const count = db.transaction('kv', 'readonly').objectStore('kv').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => reject(count.error);
      };
    });
  });
}

/**
 * The `recId`s of the recommendation answers the SDK's cache holds on the device (IndexedDB
 * `rec-recs`, one record of `[key, { answer }]` pairs); none when the database does not exist.
 */
export function cachedRecIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const idb = (globalThis as unknown as { indexedDB: IDBFactoryLike }).indexedDB;
    if (!(await idb.databases()).some((d) => d.name === 'rec-recs')) return [];
    return new Promise<string[]>((resolve, reject) => {
      const open = idb.open('rec-recs');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const read = db.transaction('answers', 'readonly').objectStore('answers').get('answers');
        read.onsuccess = () => {
          db.close(); // never hold up the SDK's own purge of the database
          const pairs = (read.result ?? []) as [string, { answer: { recId: string } }][];
          resolve(pairs.map(([, entry]) => entry.answer.recId));
        };
        read.onerror = () => reject(read.error);
      };
    });
  });
}

/** The slice of the IndexedDB API `storedRows` and `cachedRecIds` use (no DOM lib in the root tsconfig). */
interface IDBFactoryLike {
  databases(): Promise<{ name?: string }[]>;
  open(name: string): {
    result: {
      transaction(
        store: string,
        mode: string,
      ): {
        objectStore(name: string): { count(): RequestLike<number>; get(key: string): RequestLike<unknown> };
      };
      close(): void;
    };
    error: unknown;
    onsuccess: () => void;
    onerror: () => void;
  };
}
interface RequestLike<T> {
  result: T;
  error: unknown;
  onsuccess: () => void;
  onerror: () => void;
}

/** `await rec.flush()` in the page. */
export const flush = (page: Page) => call(page, 'flush') as Promise<void>;

/**
 * Headless Chromium has no tab switching: make the document report `hidden`, fire
 * `visibilitychange` as a tab switch would, then let it report its real state again.
 */
export function announceHidden(page: Page): Promise<void> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: EventTarget & { visibilityState?: string } }).document;
    Object.defineProperty(doc, 'visibilityState', { value: 'hidden', configurable: true });
    doc.dispatchEvent(new Event('visibilitychange'));
    delete doc.visibilityState;
  });
}
