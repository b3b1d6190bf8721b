/**
 * The page globals the browser tests touch inside `page.evaluate` (the root tsconfig has no DOM
 * lib): cast `globalThis` to this type there; the cast is erased before the function runs in the page.
 */
import type { Rec } from '../../sdk/src/types.ts';

export interface TestWindow {
  rec: Rec;
  localStorage: { length: number };
  sessionStorage: { length: number };
  indexedDB: { databases(): Promise<{ name?: string }[]> };
  document: { cookie: string; visibilityState: string };
  navigator: { onLine: boolean };
  /** Filled by test pages. */
  seen?: unknown[];
}
