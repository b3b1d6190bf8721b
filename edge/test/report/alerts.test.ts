/** Alerts: a breached threshold is shown in the report and sent to the webhook once per period. */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { reportProblem } from '../../../contracts/schema/report.ts';
import { parseSitesConfig, SITES } from '../../src/config/sites.ts';
import { runAlerts } from '../../src/report/alert-runner.ts';
import { hourOf } from '../../src/report/facts.ts';
import { ADMIN_TOKEN, BASE } from '../helpers.ts';

const HOUR = 3_600_000;
const config = parseSitesConfig({
  ...SITES,
  sites: {
    ...SITES.sites,
    shop2: {
      alerts: {
        webhook: 'https://hooks.example/alerts',
        periodMinutes: 60,
        errorRate: 0.1,
        eventsStopped: true,
      },
    },
  },
});

async function addTraffic(hour: number, metric: string, n: number) {
  await env.CATALOG.prepare(
    `INSERT INTO report_traffic (site, hour, metric, n) VALUES ('shop2', ?, ?, ?)
     ON CONFLICT (site, hour, metric) DO UPDATE SET n = n + excluded.n`,
  )
    .bind(hour, metric, n)
    .run();
}

async function reportAlerts(now: number) {
  const res = await exports.default.fetch(`${BASE}/v1/admin/report?key=shop2&from=${now - HOUR}&to=${now}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const report = await res.json<Report>();
  expect(reportProblem(report)).toBeUndefined();
  return report.alerts;
}

describe('alerts', () => {
  it('fires once per period, shows in the report while breached, clears when it is not', async () => {
    // Five minutes into an hour, so that the checks an hour later still see this hour's counts.
    const now = hourOf(Date.now()) + 5 * 60_000;
    await addTraffic(hourOf(now), 'event_batches_accepted', 10);
    await addTraffic(hourOf(now), 'events_accepted', 200);
    await addTraffic(hourOf(now), 'events_rejected:invalid_body', 15);
    const calls: { url: string; body: { site: string; alerts: { kind: string }[] } }[] = [];
    const post = async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(init.body as string) });
      return new Response(null, { status: 204 });
    };

    await runAlerts(env, config, now, post);
    await runAlerts(env, config, now + 60_000, post); // the next minute's check: still breached, not sent again
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://hooks.example/alerts');
    expect(calls[0]!.body.site).toBe('shop2');
    expect(calls[0]!.body.alerts.map((a) => a.kind)).toEqual(['error_rate']);
    const shown = await reportAlerts(now);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'error_rate', value: 0.6, threshold: 0.1 });

    await runAlerts(env, config, now + 61 * 60_000, post); // a period later, still breached: once more
    expect(calls).toHaveLength(2);

    await addTraffic(hourOf(now), 'event_batches_accepted', 1000);
    await runAlerts(env, config, now + 62 * 60_000, post);
    expect(calls).toHaveLength(2);
    expect(await reportAlerts(now)).toEqual([]);
  });
});
