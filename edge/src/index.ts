/**
 * Worker entry: the hono app for /v1/*, the queue consumers that write the event log (and the
 * report's facts) and finish erasures' log rewrites, the alert check and audit pruning on the Cron
 * Trigger, the daily retrain Workflow, and the Durable Object classes wrangler binds (all behind
 * the capacity meter, off by default).
 */
import { app } from './app.ts';
import { auditRetentionMs, pruneAudit } from './audit/prune.ts';
import { SITES } from './config/sites.ts';
import { writeEventLog } from './event-log/consumer.ts';
import { withMeter } from './meter/metered-handler.ts';
import { metered } from './meter/metered-object.ts';
import { SessionDO as Session } from './objects/session-do.ts';
import { SignalsShardDO as SignalsShard } from './objects/signals-shard-do.ts';
import { UserProfileDO as UserProfile } from './objects/user-profile-do.ts';
import { VectorIndexDO as VectorIndex } from './objects/vector-index-do.ts';
import { type ErasureMessage, rewriteErasures } from './people/erasure-queue.ts';
import { runAlerts } from './report/alert-runner.ts';
import { reportSink } from './report/sink.ts';
import { RETRAIN_CRON, startScheduledRetrain } from './retrain/schedule.ts';

export { RetrainWorkflow } from './retrain/workflow.ts';

// Each class as written, unless `CAPACITY_METER=on` (bench/capacity.ts) counts its storage calls.
export const SessionDO = metered(Session, 'SessionDO');
export const SignalsShardDO = metered(SignalsShard, 'SignalsShardDO');
export const UserProfileDO = metered(UserProfile, 'UserProfileDO');
export const VectorIndexDO = metered(VectorIndex, 'VectorIndexDO');
// The generated Env names the classes' types through this module.
export type SessionDO = Session;
export type SignalsShardDO = SignalsShard;
export type UserProfileDO = UserProfile;
export type VectorIndexDO = VectorIndex;

/** The queue of the erasures' background rewrites (wrangler.toml); every other batch is the event log. */
const ERASURE_QUEUE = 'rec-erasures';

export default withMeter({
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
}) satisfies ExportedHandler<Env>;
