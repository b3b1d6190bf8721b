/**
 * One limit check against Cloudflare's Rate Limiting binding (`wrangler dev` and the tests run its
 * local simulation, which enforces the same `simple` limits). Counts are kept per binding and key in
 * each Cloudflare location, so a limit is per location, as the binding documents.
 */

import { limitsOf } from '../config/site-keys.ts';
import { siteKeysFor } from '../config/site-registry.ts';
import { bindingFor, type LimitName } from './limits.ts';

/** A refused request: which limit, and the seconds until its window has certainly passed. */
export interface LimitRefusal {
  limit: LimitName;
  retryAfter: number;
}

/** Whether `value` is a Rate Limiting binding (a site's setting may name one wrangler.toml lacks). */
function isRateLimit(value: unknown): value is RateLimit {
  return typeof (value as RateLimit | undefined)?.limit === 'function';
}

/**
 * Count one request of `subject` (a session id, an address, an admin key's fingerprint) against
 * limit `name` of site `site`; answers the refusal when over it, null when within it or off.
 */
export async function checkLimit(
  env: Env,
  site: string,
  name: LimitName,
  subject: string,
): Promise<LimitRefusal | null> {
  // Site '' (an admin request naming no site) has the defaults, even without any site.
  const settings = site === '' ? undefined : limitsOf(await siteKeysFor(env), site);
  const configured = bindingFor(name, settings);
  if (!configured) return null;
  const binding = (env as unknown as Record<string, unknown>)[configured.binding];
  // A misconfiguration, not the visitor's fault: a 500 naming it (logged by onError).
  if (!isRateLimit(binding))
    throw new Error(`rate limit binding ${configured.binding} (${name}) is not bound`);
  const { success } = await binding.limit({ key: `${name}:${site}:${subject}` });
  return success ? null : { limit: name, retryAfter: configured.period };
}
