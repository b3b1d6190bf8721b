/**
 * Worker entry: the hono app for /v1/*, the queue consumers that write the event log (and the
 * report's facts) and finish erasures' log rewrites, the alert check and audit pruning on the Cron
 * Trigger, the daily retrain Workflow, and the Durable Object classes wrangler binds.
 */
import { app } from './app.ts';
import { auditRetentionMs, pruneAudit } from './audit/prune.ts';
import { SITES } from './config/sites.ts';
import { writeEventLog } from './event-log/consumer.ts';
import { type ErasureMessage, rewriteErasures } from './people/erasure-queue.ts';
import { runAlerts } from './report/alert-runner.ts';
import { reportSink } from './report/sink.ts';
import { RETRAIN_CRON, startScheduledRetrain } from './retrain/schedule.ts';

export { SessionDO } from './objects/session-do.ts';
export { SignalsShardDO } from './objects/signals-shard-do.ts';
export { UserProfileDO } from './objects/user-profile-do.ts';
export { VectorIndexDO } from './objects/vector-index-do.ts';
export { RetrainWorkflow } from './retrain/workflow.ts';

/** The queue of the erasures' background rewrites (wrangler.toml); every other batch is the event log. */
const ERASURE_QUEUE = 'rec-erasures';

export default {
  fetch: app.fetch,
  queue: (batch, env) =>
    batch.queue === ERASURE_QUEUE
      ? rewriteErasures(batch as MessageBatch<ErasureMessage>, env)
      : writeEventLog(batch, env.EVENT_LOG, env.CATALOG, reportSink(env)),
  // Every minute (wrangler.toml [triggers]): the report's alert check, and audit retention.
  // At 03:15 UTC (RETRAIN_CRON): the daily retrain Workflow.
  scheduled: (controller, env, ctx) => {
    const now = controller.scheduledTime;
    if (controller.cron === RETRAIN_CRON) return ctx.waitUntil(startScheduledRetrain(env, now));
    ctx.waitUntil(runAlerts(env, SITES, now));
    ctx.waitUntil(pruneAudit(env.CATALOG, now, auditRetentionMs(env.AUDIT_RETENTION_DAYS)));
  },
} satisfies ExportedHandler<Env>;
