/** What follows an acknowledged catalogue write: this isolate forgets the rows, the index follows. */
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { forgetRows } from './cache.ts';
import { syncIndexQuietly } from './index-sync.ts';

/** Call after `ids` of `site` changed in the store. */
export function catalogChanged(c: Context<AppEnv>, site: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  forgetRows(site);
  const sync = syncIndexQuietly(c.env, site, ids);
  try {
    c.executionCtx.waitUntil(sync);
  } catch {
    // No execution context (a test calling the app directly): the promise runs on by itself.
  }
}
