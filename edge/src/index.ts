/**
 * Worker entry: the hono app for /v1/*, the queue consumer that writes the event log (and the
 * report's facts), and the Durable Object classes wrangler binds.
 */
import { app } from './app.ts';
import { writeEventLog } from './event-log/consumer.ts';
import { reportSink } from './report/sink.ts';

export { SessionDO } from './objects/session-do.ts';
export { SignalsShardDO } from './objects/signals-shard-do.ts';
export { VectorIndexDO } from './objects/vector-index-do.ts';

export default {
  fetch: app.fetch,
  queue: (batch, env) => writeEventLog(batch, env.EVENT_LOG, reportSink(env)),
} satisfies ExportedHandler<Env>;
