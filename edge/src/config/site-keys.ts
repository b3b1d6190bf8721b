/**
 * Site keys: which origins may send events under which key, and the site's abuse limits when they
 * differ from the defaults, JSON
 * `{ "<key>": { "origins": ["https://shop.example"], "limits": { "eventsPerIp": "off" } } }`.
 * The `SITE_KEYS` secret is the seed, parsed again only when it changes; the entries in force are
 * the seed overridden by D1 (`site-registry.ts`). A limit is `"off"` or `{ "binding": "<a
 * [[ratelimits]] name>", "period": 10 | 60 }` (a tier declared in wrangler.toml); see `limits/limits.ts`.
 */
import * as v from 'valibot';
import { NAME_PATTERN } from '../../../contracts/recommend-request.ts';
import { LIMITS, type LimitName } from '../limits/limits.ts';

function isOrigin(s: string): boolean {
  try {
    return new URL(s).origin === s;
  } catch {
    return false;
  }
}

const OriginSchema = v.pipe(v.string(), v.check(isOrigin, 'each origin must be scheme://host[:port]'));

const LimitSettingSchema = v.union([
  v.literal('off'),
  v.strictObject({
    binding: v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/, 'binding: a [[ratelimits]] name')),
    period: v.picklist([10, 60] as const),
  }),
]);
const LimitsSchema = v.strictObject(
  Object.fromEntries(Object.keys(LIMITS).map((name) => [name, v.optional(LimitSettingSchema)])) as Record<
    LimitName,
    v.OptionalSchema<typeof LimitSettingSchema, undefined>
  >,
);

/** A site key's name: what the SDK sends as `?key=`. */
export const SiteNameSchema = v.pipe(
  v.string(),
  v.regex(NAME_PATTERN, 'site keys must be 1-64 of A-Z a-z 0-9 _ -'),
);

/** One site's entry. */
export const SiteEntrySchema = v.strictObject({
  origins: v.array(OriginSchema),
  limits: v.optional(LimitsSchema),
});

const SiteKeysSchema = v.record(SiteNameSchema, SiteEntrySchema);

/** One site's validated entry. */
export type SiteEntry = v.InferOutput<typeof SiteEntrySchema>;
/** The validated site-key configuration. */
export type SiteKeys = v.InferOutput<typeof SiteKeysSchema>;

/** Parse and validate a SITE_KEYS value (unset: no seed); throws an Error naming what is wrong. */
export function parseSiteKeys(raw: string | undefined): SiteKeys {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`SITE_KEYS is not valid JSON: ${(err as Error).message}`);
  }
  const result = v.safeParse(SiteKeysSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(`SITE_KEYS is invalid at ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  }
  return result.output;
}

let cached: { raw: string | undefined; keys: SiteKeys } | undefined;

/** The parsed SITE_KEYS seed, parsed again only when the secret's value changes. */
export function seedSiteKeys(raw: string | undefined): SiteKeys {
  if (cached === undefined || cached.raw !== raw) cached = { raw, keys: parseSiteKeys(raw) };
  return cached.keys;
}

/** The limit settings of site `key` (none: every limit at its default). */
export function limitsOf(keys: SiteKeys, key: string): SiteKeys[string]['limits'] {
  return Object.hasOwn(keys, key) ? keys[key].limits : undefined;
}

/** The origins allowed for `key`, or undefined when the key is unknown. */
export function originsOf(keys: SiteKeys, key: string): readonly string[] | undefined {
  return Object.hasOwn(keys, key) ? keys[key].origins : undefined;
}
