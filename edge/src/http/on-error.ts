/**
 * The app's single error handler: API errors become `{ error: { code, message, path } }` JSON with
 * their status; anything unexpected is logged with the request id and answered as a JSON 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorFields, log } from '../log.ts';
import { ApiError, type ErrorBody } from './api-error.ts';
import type { AppEnv } from './app-env.ts';

/** Render `err` as the API's error JSON. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return c.json(err.toBody(), err.status);
  if (err instanceof HTTPException) {
    // Thrown by hono itself (e.g. a malformed request it could not parse).
    return c.json<ErrorBody>({ error: { code: 'http_error', message: err.message, path: '' } }, err.status);
  }
  const requestId = c.get('requestId');
  log('error', 'unhandled error', { requestId, method: c.req.method, path: c.req.path, ...errorFields(err) });
  return c.json<ErrorBody>(
    { error: { code: 'internal_error', message: `internal error (request id ${requestId})`, path: '' } },
    500,
  );
}

/** The JSON 404 for unknown API routes. */
export function notFound(c: Context<AppEnv>): Response {
  return c.json<ErrorBody>(
    { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}`, path: '' } },
    404,
  );
}
