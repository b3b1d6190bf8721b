/**
 * Site configuration: which placements a site has (strategy, default and largest k) and the business
 * rules applied to them. Loaded from sites.json, validated once; `placementFor` answers a request.
 */

import * as v from 'valibot';
import { MAX_K } from '../../../contracts/recommend-request.ts';
import { assignVariant } from '../experiments/assign.ts';
import { type AlertsConfig, AlertsSchema } from '../report/alert-config.ts';
import type { Rules } from '../rules/types.ts';
import raw from './sites.json';

/** How a placement finds candidates: the session tower, items similar to `item=`, or trending items. */
export const STRATEGIES = ['session', 'similar', 'trending'] as const;
export type Strategy = (typeof STRATEGIES)[number];

const Ids = v.array(v.pipe(v.string(), v.minLength(1)));
const ScoreRule = v.strictObject({
  ids: v.optional(Ids),
  categories: v.optional(Ids),
  by: v.pipe(v.number(), v.minValue(0, 'boost/bury `by` must be >= 0')),
});
const RulesSchema = v.strictObject({
  excludeBought: v.boolean(),
  excludeInCart: v.boolean(),
  skipOutOfStock: v.boolean(),
  maxPerCategory: v.pipe(v.number(), v.integer(), v.minValue(0)),
  boost: v.array(ScoreRule),
  bury: v.array(ScoreRule),
  pin: v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.minLength(1)),
      position: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  ),
});
const PlacementSchema = v.pipe(
  v.strictObject({
    strategy: v.picklist(STRATEGIES),
    k: v.pipe(v.number(), v.integer(), v.minValue(1)),
    maxK: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_K)),
    rules: v.optional(v.partial(RulesSchema)),
  }),
  v.check((p) => p.k <= p.maxK, 'k must be <= maxK'),
);
const ExperimentSchema = v.strictObject({
  placement: v.pipe(v.string(), v.minLength(1)),
  variants: v.pipe(
    v.array(
      v.strictObject({
        name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'variant names: 1-32 of A-Z a-z 0-9 _ -')),
        weight: v.pipe(v.number(), v.minValue(0)),
        strategy: v.optional(v.picklist(STRATEGIES)),
        rules: v.optional(v.partial(RulesSchema)),
      }),
    ),
    v.minLength(2, 'an experiment needs at least two variants'),
  ),
});
const Experiments = v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)), ExperimentSchema);
/** One site's overrides (`sites.<key>`): what the runtime config API stores per site. */
export const SiteSchema = v.strictObject({
  placements: v.optional(v.record(v.string(), PlacementSchema)),
  rules: v.optional(v.partial(RulesSchema)),
  experiments: v.optional(Experiments),
  alerts: v.optional(AlertsSchema),
});
const ConfigSchema = v.object({
  default: v.strictObject({
    placements: v.record(v.string(), PlacementSchema),
    rules: RulesSchema,
    experiments: v.optional(Experiments),
    alerts: v.optional(AlertsSchema),
  }),
  sites: v.record(v.string(), SiteSchema),
});

export type SitesConfig = v.InferOutput<typeof ConfigSchema>;
export type Experiment = v.InferOutput<typeof ExperimentSchema>;
export type SiteOverrides = v.InferOutput<typeof SiteSchema>;

/** A placement resolved for one site (and session, when an experiment runs on it). */
export interface Placement {
  name: string;
  strategy: Strategy;
  k: number;
  maxK: number;
  rules: Rules;
  /** Set when an experiment runs on this placement: the session's arm. */
  experiment?: { name: string; variant: string };
}

/** Validate a sites configuration; throws naming the first problem and its path. */
export function parseSitesConfig(input: unknown): SitesConfig {
  const result = v.safeParse(ConfigSchema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new Error(`sites config: ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
}

/**
 * `record[key]` when it is the record's own entry: names come from requests, and `constructor` or
 * `__proto__` must not find Object.prototype's.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Experiments of a site (site entries replace default ones of the same name). */
export function experimentsFor(config: SitesConfig, site: string): Record<string, Experiment> {
  return { ...config.default.experiments, ...own(config.sites, site)?.experiments };
}

/** A site's alert thresholds (the default's, overridden field by field by the site's). */
export function alertsFor(config: SitesConfig, site: string): AlertsConfig {
  return { ...config.default.alerts, ...own(config.sites, site)?.alerts };
}

/**
 * The placement `name` of site `site`, or undefined when the site has no such placement. With a
 * `sessionId`, an experiment on the placement assigns the session's variant, whose strategy and rules
 * override the placement's.
 */
export function placementFor(
  config: SitesConfig,
  site: string,
  name: string,
  sessionId?: string,
): Placement | undefined {
  const override = own(config.sites, site);
  const p = own(override?.placements, name) ?? own(config.default.placements, name);
  if (!p) return undefined;
  const placement: Placement = {
    name,
    strategy: p.strategy,
    k: p.k,
    maxK: p.maxK,
    rules: { ...config.default.rules, ...override?.rules, ...p.rules },
  };
  if (sessionId === undefined) return placement;
  const running = Object.entries(experimentsFor(config, site)).find(([, e]) => e.placement === name);
  if (!running) return placement;
  const [experiment, { variants }] = running;
  const variant = assignVariant(experiment, sessionId, variants);
  const arm = variants.find((x) => x.name === variant)!;
  return {
    ...placement,
    strategy: arm.strategy ?? placement.strategy,
    rules: { ...placement.rules, ...arm.rules },
    experiment: { name: experiment, variant },
  };
}

/** Names of the placements a site has (for error messages). */
export function placementNames(config: SitesConfig, site: string): string[] {
  return [
    ...new Set([
      ...Object.keys(config.default.placements),
      ...Object.keys(own(config.sites, site)?.placements ?? {}),
    ]),
  ];
}

/** The shipped configuration (sites.json), validated at module load so a bad edit fails every test. */
export const SITES: SitesConfig = parseSitesConfig(raw);
