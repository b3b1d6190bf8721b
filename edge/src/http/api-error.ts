/**
 * The API's JSON error shape, `{ error: { code, message, path? } }`, thrown as an HTTPException and
 * rendered by the app's single `onError`.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One API error: a stable machine code, a human message naming what is wrong, the offending input. */
export interface ApiErrorBody {
  code: string;
  message: string;
  path?: string;
}

/** An HTTPException whose response is the JSON error shape. */
export function apiError(
  status: ContentfulStatusCode,
  error: ApiErrorBody,
  headers?: HeadersInit,
): HTTPException {
  const res = new Response(JSON.stringify({ error }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...Object.fromEntries(new Headers(headers)),
    },
  });
  return new HTTPException(status, { res, message: error.message });
}
