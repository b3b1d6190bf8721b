/**
 * Validate a site's new overrides with the schema sites.json is checked with, then the whole
 * configuration they make with `default` (what the serving path will read); errors name the field.
 */
import * as v from 'valibot';
import { ApiError } from '../http/api-error.ts';
import { parseSitesConfig, SITES, type SiteOverrides, SiteSchema } from './sites.ts';

/** The validated overrides of `site`; 400 `invalid_config` naming the first problem's path. */
export function parseSiteOverrides(site: string, json: unknown): SiteOverrides {
  const result = v.safeParse(SiteSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ApiError(400, 'invalid_config', issue.message, v.getDotPath(issue) ?? 'body');
  }
  try {
    parseSitesConfig({ default: SITES.default, sites: { [site]: result.output } });
  } catch (err) {
    throw new ApiError(400, 'invalid_config', (err as Error).message, 'body');
  }
  return result.output;
}

/** The `If-Match` version a write expects to replace, if sent (`"3"` or `3`); 400 otherwise. */
export function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw new ApiError(400, 'invalid_header', 'If-Match must be a config version, e.g. "3"', 'If-Match');
  return Number(m[1]);
}

/**
 * Write the version after `latest` through `write(expected)` (a conditional insert answering whether
 * it took), `expected` being the request's `If-Match` or else `latest`; 412 `version_conflict` when
 * it is not the latest (anymore). Answers the version written.
 */
export async function writeNextVersion(
  ifMatch: string | undefined,
  latest: number,
  write: (expected: number) => Promise<boolean>,
): Promise<number> {
  const expected = expectedVersion(ifMatch) ?? latest;
  if (expected !== latest || !(await write(expected))) {
    throw new ApiError(
      412,
      'version_conflict',
      `version ${expected} is not the latest; read it again`,
      'If-Match',
    );
  }
  return expected + 1;
}
