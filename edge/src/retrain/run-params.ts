/**
 * A retrain run's parameters with the deployment's defaults filled in (wrangler.toml: the last
 * RETRAIN_DAYS days of RETRAIN_SITE's log, RETRAIN_PUBLISH), validated by the contract's schema; the
 * route and the daily Cron Trigger both start runs through it. Errors name the field.
 */
import * as v from 'valibot';
import type { RetrainRun } from '../../../contracts/retrain.ts';
import { RetrainRunSchema } from '../../../contracts/schema/retrain.ts';
import { DEFAULT_GATE_MARGIN } from '../../../model/src/eval/gate.ts';
import { DEFAULT_EVAL_FRACTION } from '../../../model/src/retrain/split.ts';

const DAY_MS = 86_400_000;

/** A refused parameter: `field` is its dot path. */
export class RunParamsError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** wrangler.toml's settings (strings, as vars are). */
type Vars = { RETRAIN_DAYS?: string; RETRAIN_SITE?: string; RETRAIN_PUBLISH?: string };

/** `given` (a request body, or nothing for the schedule) over the deployment's defaults, at `now`. */
export function runParams(env: Vars, given: unknown, now: number): RetrainRun {
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given)))
    throw new RunParamsError('the body must be a JSON object', 'body');
  const days = Number(env.RETRAIN_DAYS ?? 7);
  const body = (given ?? {}) as Record<string, unknown>;
  const to = body.to ?? now;
  const defaults = {
    from: typeof to === 'number' ? to - (Number.isFinite(days) && days > 0 ? days : 7) * DAY_MS : undefined,
    to,
    publish: env.RETRAIN_PUBLISH || 'auto',
    margin: DEFAULT_GATE_MARGIN,
    evalFraction: DEFAULT_EVAL_FRACTION,
    ...(env.RETRAIN_SITE ? { site: env.RETRAIN_SITE } : {}),
  };
  const parsed = v.safeParse(RetrainRunSchema, { ...defaults, ...body });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new RunParamsError(issue.message, v.getDotPath(issue) ?? 'body');
  }
  return parsed.output;
}
