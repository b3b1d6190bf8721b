/**
 * The HTTP API under /v1: one hono app, one error handler. Everything else the Worker serves
 * comes from static assets (wrangler.toml `run_worker_first = ["/v1/*"]`).
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './http/app-env.ts';
import { notFound, onError } from './http/on-error.ts';
import { adminAudit } from './routes/admin-audit.ts';
import { adminConfig } from './routes/admin-config.ts';
import { adminIndex } from './routes/admin-index.ts';
import { adminKeys } from './routes/admin-keys.ts';
import { adminLog } from './routes/admin-log.ts';
import { adminModels } from './routes/admin-models.ts';
import { adminReport } from './routes/admin-report.ts';
import { adminSites } from './routes/admin-sites.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { eventRoutes } from './routes/events.ts';
import { experimentsRoute } from './routes/experiments.ts';
import { forgetRoutes } from './routes/forget.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { userRoutes } from './routes/users.ts';

/** The API app: request ids on every answer, JSON errors, the event, erasure, person and admin routes. */
export const app = new Hono<AppEnv>()
  .use(requestId())
  .get('/v1/health', (c) => c.json({ ok: true }))
  .route('/v1', eventRoutes)
  // Before the admin session routes: their `/sessions/*` admin check must not reach the SDK's erasure.
  .route('/v1', forgetRoutes)
  .route('/v1', sessionRoutes)
  .route('/v1', recommendationRoutes)
  .route('/v1', userRoutes)
  .route('/v1/admin/indexes', adminIndex)
  .route('/v1/admin/models', adminModels)
  .route('/v1/admin/log', adminLog)
  .route('/v1/admin/keys', adminKeys)
  .route('/v1/admin/audit', adminAudit)
  .route('/v1/admin/config', adminConfig)
  .route('/v1/admin/sites', adminSites)
  .route('/v1/admin/report', adminReport)
  .route('/v1/catalog', catalogRoutes)
  .route('/v1/experiments', experimentsRoute)
  .notFound(notFound)
  .onError(onError);
