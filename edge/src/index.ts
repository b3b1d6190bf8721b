/**
 * Worker entry: the hono app for /v1/*, the queue consumer that writes the event log (and the
 * report's facts), the alert check on the Cron Trigger, and the Durable Object classes wrangler binds.
 */
import { app } from './app.ts';
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
  // The report's alert check (wrangler.toml [triggers]).
  scheduled: (controller, env, ctx) => ctx.waitUntil(runAlerts(env, SITES, controller.scheduledTime)),
} satisfies ExportedHandler<Env>;
