/** The admin API's bearer token, found the way every admin script looks for it. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './wrangler-dev.ts';

/** ADMIN_TOKEN from the flag, the environment, or .dev.vars (what `npm start` uses). */
export function adminToken(flag: string | undefined): string {
  if (flag) return flag;
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const devVars = resolve(ROOT, '.dev.vars');
  const line = existsSync(devVars) ? readFileSync(devVars, 'utf8').match(/^ADMIN_TOKEN=(.*)$/m) : null;
  if (line) return line[1]!.trim();
  throw new Error(
    'no admin token: pass --token, set ADMIN_TOKEN, or run `npm start` once to create .dev.vars',
  );
}
