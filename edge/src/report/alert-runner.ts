/**
 * The alert check the Cron Trigger runs (index.ts `scheduled`): for every site with thresholds,
 * measure the last hour from D1's traffic counters and the active model's age, record the breaches
 * in `report_alerts` (what the report shows) and POST those not sent within the site's period to its
 * webhook. The last call's time lives in D1, so "at most once per period" holds across isolates.
 */
import type { Alert } from '../../../contracts/report.ts';
import { REPORT_BUCKET_MS } from '../../../contracts/report.ts';
import { siteKeysFor } from '../config/site-registry.ts';
import { alertsFor, type SitesConfig } from '../config/sites.ts';
import { errorFields, log } from '../log.ts';
import { readActive, readManifest } from '../model-registry/r2-store.ts';
import { type AlertsConfig, DEFAULT_ALERT_PERIOD_MINUTES } from './alert-config.ts';
import { type AlertMeasures, evaluateAlerts } from './alerts.ts';
import { hourOf } from './facts.ts';
import { histogramQuantile } from './latency-histogram.ts';

/** How a webhook is called (tests pass their own). */
export type Post = (url: string, init: RequestInit) => Promise<Response>;

const THRESHOLDS = ['errorRate', 'latencyP99Ms', 'eventsStopped', 'modelMaxAgeDays'] as const;

/** Sites to check: those sites.json names and every site key in force. */
async function sitesOf(env: Env, config: SitesConfig): Promise<string[]> {
  let keys: string[] = [];
  try {
    keys = Object.keys(await siteKeysFor(env));
  } catch {
    // An invalid SITE_KEYS is reported by the routes that need it.
  }
  return [...new Set([...Object.keys(config.sites), ...keys])].sort();
}

/** The last hour (this hour and the one before) and the 24 h before it, from `report_traffic`. */
async function trafficMeasures(db: D1Database, site: string, now: number) {
  const recent = hourOf(now) - REPORT_BUCKET_MS;
  const { results } = await db
    .prepare('SELECT hour, metric, n FROM report_traffic WHERE site = ? AND hour >= ?')
    .bind(site, recent - 24 * REPORT_BUCKET_MS)
    .all<{ hour: number; metric: string; n: number }>();
  const m = { batchesAccepted: 0, batchesRejected: 0, answers: 0, eventsLastHour: 0, eventsDayBefore: 0 };
  const histogram = new Map<number, number>();
  for (const r of results) {
    if (r.hour < recent) {
      if (r.metric === 'events_accepted') m.eventsDayBefore += r.n;
      continue;
    }
    if (r.metric === 'events_accepted') m.eventsLastHour += r.n;
    else if (r.metric === 'event_batches_accepted') m.batchesAccepted += r.n;
    else if (r.metric.startsWith('events_rejected:')) m.batchesRejected += r.n;
    else if (r.metric.startsWith('latency:')) {
      const b = Number(r.metric.slice('latency:'.length));
      histogram.set(b, (histogram.get(b) ?? 0) + r.n);
      m.answers += r.n;
    }
  }
  return { ...m, latencyP99Ms: histogramQuantile(histogram, 0.99) };
}

/** Days since the active model's manifest was created; null without an active model. */
async function modelAgeDays(models: R2Bucket, now: number): Promise<number | null> {
  const active = await readActive(models);
  const manifest = active ? await readManifest(models, active.version) : undefined;
  return manifest ? (now - Date.parse(manifest.createdAt)) / 86_400_000 : null;
}

/** Record `breaches` of `site` and call its webhook for those not sent within its period. */
async function record(
  db: D1Database,
  site: string,
  config: AlertsConfig,
  breaches: Alert[],
  now: number,
  post: Post,
) {
  const { results } = await db
    .prepare('SELECT kind, sent_at AS sentAt FROM report_alerts WHERE site = ?')
    .bind(site)
    .all<{ kind: string; sentAt: number | null }>();
  const sentAt = new Map(results.map((r) => [r.kind, r.sentAt]));
  const periodMs = (config.periodMinutes ?? DEFAULT_ALERT_PERIOD_MINUTES) * 60_000;
  const due = breaches.filter((a) => {
    const last = sentAt.get(a.kind);
    return last === undefined || last === null || now - last >= periodMs;
  });
  let sent = false;
  if (config.webhook && due.length > 0) {
    try {
      const res = await post(config.webhook, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ site, alerts: due }),
      });
      sent = res.ok;
      if (!res.ok) log('warn', 'alert webhook refused', { site, status: res.status });
    } catch (err) {
      log('warn', 'alert webhook failed', { site, ...errorFields(err) });
    }
  }
  const upsert = db.prepare(
    `INSERT INTO report_alerts (site, kind, active, alert, sent_at) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (site, kind) DO UPDATE SET active = 1, alert = excluded.alert,
       sent_at = COALESCE(excluded.sent_at, report_alerts.sent_at)`,
  );
  const breached = breaches.map((a) => a.kind);
  await db.batch([
    db
      .prepare(
        `UPDATE report_alerts SET active = 0 WHERE site = ? AND kind NOT IN (SELECT value FROM json_each(?))`,
      )
      .bind(site, JSON.stringify(breached)),
    ...breaches.map((a) =>
      upsert.bind(site, a.kind, JSON.stringify(a), sent && due.includes(a) ? now : null),
    ),
  ]);
}

/** Check every site's thresholds at `now`. */
export async function runAlerts(
  env: Env,
  config: SitesConfig,
  now: number,
  post: Post = fetch,
): Promise<void> {
  let age: number | null | undefined;
  for (const site of await sitesOf(env, config)) {
    const alerts = alertsFor(config, site);
    if (!THRESHOLDS.some((t) => alerts[t] !== undefined)) continue;
    age ??= await modelAgeDays(env.MODELS, now);
    const measures: AlertMeasures = { ...(await trafficMeasures(env.CATALOG, site, now)), modelAgeDays: age };
    await record(env.CATALOG, site, alerts, evaluateAlerts(alerts, measures, now), now, post);
  }
}

/** The breaches the last check found for `site` (what the report shows). */
export async function activeAlerts(db: D1Database, site: string): Promise<Alert[]> {
  const { results } = await db
    .prepare('SELECT alert FROM report_alerts WHERE site = ? AND active = 1 ORDER BY kind')
    .bind(site)
    .all<{ alert: string }>();
  return results.map((r) => JSON.parse(r.alert) as Alert);
}
