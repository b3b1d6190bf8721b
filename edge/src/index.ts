/**
 * Worker entry: the hono app for /v1/*, the queue consumer that writes the event log, and the
 * Durable Object classes wrangler binds.
 */
import { Hono } from 'hono';

export { SessionDO } from './session-do.ts';
export { VectorIndexDO } from './vectorize/index-do.ts';

const app = new Hono<{ Bindings: Env }>();

app.get('/v1/health', (c) => c.json({ ok: true }));

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
