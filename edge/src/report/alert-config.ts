/**
 * A site's alert thresholds (`alerts` in sites.json, `default` then the site's own, field by field).
 * Every threshold is optional; without `webhook` a breach is only shown in the report.
 */
import * as v from 'valibot';

export const AlertsSchema = v.strictObject({
  /** Where a breach is POSTed as JSON (`{ site, alerts }`), at most once per kind and period. */
  webhook: v.optional(
    v.pipe(
      v.string(),
      v.url('alerts.webhook must be a URL'),
      v.startsWith('https://', 'alerts.webhook must be https'),
    ),
  ),
  /** Minutes between two webhook calls for the same breach (default 60). */
  periodMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Share (0-1) of event batches refused over the last hour, at least 20 batches. */
  errorRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  /** p99 of recommendation answers over the last hour, ms (at least 20 answers). */
  latencyP99Ms: v.optional(v.pipe(v.number(), v.minValue(0))),
  /** Alert when no event was accepted in the last hour after some were in the 24 h before. */
  eventsStopped: v.optional(v.boolean()),
  /** Alert when the active model was trained more than this many days ago. */
  modelMaxAgeDays: v.optional(v.pipe(v.number(), v.minValue(0))),
});

/** A site's alert configuration. */
export type AlertsConfig = v.InferOutput<typeof AlertsSchema>;

/** Webhook period when none is configured, minutes. */
export const DEFAULT_ALERT_PERIOD_MINUTES = 60;
