/**
 * Worker entry: the hono app for /v1/*, the queue consumer that writes the event log, and the
 * Durable Object classes wrangler binds.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { adminIndex } from './routes/admin-index.ts';
import { adminModels } from './routes/admin-models.ts';
import { experimentsRoute } from './routes/experiments.ts';

export { SessionDO } from './session-do.ts';
export { SignalsDO } from './signals/signals-do.ts';
export { VectorIndexDO } from './vectorize/index-do.ts';

const app = new Hono<{ Bindings: Env }>();

app.get('/v1/health', (c) => c.json({ ok: true }));
app.route('/v1/admin/indexes', adminIndex);
app.route('/v1/admin/models', adminModels);
app.route('/v1/experiments', experimentsRoute);

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  const requestId = crypto.randomUUID();
  console.error(
    JSON.stringify({ level: 'error', requestId, path: c.req.path, message: err.message, stack: err.stack }),
  );
  return c.json({ error: { code: 'internal', message: `internal error (request ${requestId})` } }, 500);
});

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
