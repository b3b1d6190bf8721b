import { mkdirSync, mkdtempSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../../edge/scripts/wrangler-dev.ts';

/** A fresh temp folder under the repo's `.cache/` (made first: a fresh checkout has none). */
export function benchWorkDir(prefix: string): string {
  const cache = resolve(ROOT, '.cache');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(resolve(cache, prefix));
}
