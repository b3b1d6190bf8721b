/**
 * Worker entry: the hono app for /v1/*, the queue consumer that writes the event log (and the
 * report's facts), the alert check and audit pruning on the Cron Trigger, and the Durable Object
 * classes wrangler binds.
 */
import { app } from './app.ts';
import { auditRetentionMs, pruneAudit } from './audit/prune.ts';
import { SITES } from './config/sites.ts';
import { writeEventLog } from './event-log/consumer.ts';
import { runAlerts } from './report/alert-runner.ts';
import { reportSink } from './report/sink.ts';

export { SessionDO } from './objects/session-do.ts';
export { SignalsShardDO } from './objects/signals-shard-do.ts';
export { UserProfileDO } from './objects/user-profile-do.ts';
export { VectorIndexDO } from './objects/vector-index-do.ts';

export default {
  fetch: app.fetch,
  queue: (batch, env) => writeEventLog(batch, env.EVENT_LOG, env.CATALOG, reportSink(env)),
  // Every minute (wrangler.toml [triggers]): the report's alert check, and audit retention.
  scheduled: (controller, env, ctx) => {
    const now = controller.scheduledTime;
    ctx.waitUntil(runAlerts(env, SITES, now));
    ctx.waitUntil(pruneAudit(env.CATALOG, now, auditRetentionMs(env.AUDIT_RETENTION_DAYS)));
  },
} satisfies ExportedHandler<Env>;
