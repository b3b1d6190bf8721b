/**
 * Which configured thresholds a site breaches now (pure), from the last hour's traffic counters
 * and the active model's age. The Cron Trigger evaluates it (alert-runner.ts); the report shows
 * the breaches it last found.
 */
import type { Alert } from '../../../contracts/report.ts';
import type { AlertsConfig } from './alert-config.ts';

/** What the thresholds are compared with. */
export interface AlertMeasures {
  /** Event batches accepted and refused over the last hour. */
  batchesAccepted: number;
  batchesRejected: number;
  /** p99 of recommendation answers over the last hour (ms) and how many were timed. */
  latencyP99Ms: number | null;
  answers: number;
  /** Events accepted over the last hour and over the 24 h before it. */
  eventsLastHour: number;
  eventsDayBefore: number;
  /** Days since the active model was trained; null without one. */
  modelAgeDays: number | null;
}

/** Fewest batches / answers in the hour for a rate or a p99 to mean anything. */
export const MIN_SAMPLE = 20;

/** The breached thresholds of `config` given `m`, at time `now`. */
export function evaluateAlerts(config: AlertsConfig, m: AlertMeasures, now: number): Alert[] {
  const out: Alert[] = [];
  const batches = m.batchesAccepted + m.batchesRejected;
  if (config.errorRate !== undefined && batches >= MIN_SAMPLE) {
    const rate = m.batchesRejected / batches;
    if (rate > config.errorRate) {
      const message = `${(rate * 100).toFixed(1)} % of event batches were refused in the last hour (threshold ${(config.errorRate * 100).toFixed(1)} %)`;
      out.push({ kind: 'error_rate', value: rate, threshold: config.errorRate, at: now, message });
    }
  }
  if (config.latencyP99Ms !== undefined && m.answers >= MIN_SAMPLE && m.latencyP99Ms !== null) {
    if (m.latencyP99Ms > config.latencyP99Ms) {
      const message = `p99 of recommendation answers was ${m.latencyP99Ms} ms in the last hour (threshold ${config.latencyP99Ms} ms)`;
      out.push({
        kind: 'latency_p99',
        value: m.latencyP99Ms,
        threshold: config.latencyP99Ms,
        at: now,
        message,
      });
    }
  }
  if (config.eventsStopped && m.eventsLastHour === 0 && m.eventsDayBefore > 0) {
    const message = `no event was accepted in the last hour (${m.eventsDayBefore} in the 24 h before)`;
    out.push({ kind: 'events_stopped', value: 0, threshold: 0, at: now, message });
  }
  if (
    config.modelMaxAgeDays !== undefined &&
    m.modelAgeDays !== null &&
    m.modelAgeDays > config.modelMaxAgeDays
  ) {
    const message = `the active model was trained ${m.modelAgeDays.toFixed(1)} days ago (threshold ${config.modelMaxAgeDays} days)`;
    out.push({
      kind: 'model_age',
      value: m.modelAgeDays,
      threshold: config.modelMaxAgeDays,
      at: now,
      message,
    });
  }
  return out;
}
