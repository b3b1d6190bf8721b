/**
 * Audit retention through the Worker's own scheduled handler and D1: entries older than
 * AUDIT_RETENTION_DAYS go, newer ones stay, and a backlog larger than one run drains run by run.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { auditRetentionMs, PRUNE_BATCH } from '../src/audit/prune.ts';
import { insertAudit } from '../src/audit/store.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

const entry = (at: number, target: string) => ({
  at,
  site: 'demo',
  actor: 'operator',
  method: 'PUT',
  route: '/v1/admin/config',
  target,
  status: 200,
});
const targets = async () =>
  (
    await env.CATALOG.prepare('SELECT target FROM audit_log ORDER BY seq').all<{ target: string }>()
  ).results.map((r) => r.target);
interface Scheduler {
  scheduled(options: { scheduledTime: Date; cron: string }): Promise<unknown>;
}
// The Worker's loopback is a Fetcher: its `scheduled()` runs the handler and its waitUntil work.
const runCron = () =>
  (exports.default as unknown as Scheduler).scheduled({ scheduledTime: new Date(NOW), cron: '* * * * *' });

describe('audit retention', () => {
  it('keeps 365 days unless told otherwise', () => {
    expect(auditRetentionMs(undefined)).toBe(365 * DAY);
    expect(auditRetentionMs('30')).toBe(30 * DAY);
    expect(auditRetentionMs('never')).toBe(365 * DAY);
    expect(auditRetentionMs('-1')).toBe(365 * DAY);
  });

  it('the cron deletes what is older than the retention, oldest first, in bounded runs', async () => {
    const retention = auditRetentionMs(env.AUDIT_RETENTION_DAYS);
    const old = PRUNE_BATCH + 5;
    const stmt = env.CATALOG.prepare(
      'INSERT INTO audit_log (at, site, actor, method, route, target, status) VALUES (?, ?, ?, ?, ?, ?, 200)',
    );
    await env.CATALOG.batch(
      Array.from({ length: old }, (_, i) =>
        stmt.bind(NOW - retention - DAY + i, 'demo', 'operator', 'PUT', '/v1/admin/config', `old-${i}`),
      ),
    );
    await insertAudit(env.CATALOG, entry(NOW - retention + DAY, 'kept-last-year'));
    await insertAudit(env.CATALOG, entry(NOW - DAY, 'kept-yesterday'));

    await runCron();
    expect(await targets()).toEqual([
      ...[1, 2, 3, 4, 5].map((i) => `old-${old - 6 + i}`),
      'kept-last-year',
      'kept-yesterday',
    ]);
    await runCron();
    expect(await targets()).toEqual(['kept-last-year', 'kept-yesterday']);
    await runCron();
    expect(await targets()).toEqual(['kept-last-year', 'kept-yesterday']);
  });
});
