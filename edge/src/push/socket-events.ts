/**
 * Events sent up a push socket (`SocketEvents`, contracts/push-socket.ts): checked exactly as
 * `POST /v1/events` checks a body (size, UTF-8 JSON, shape limits, the batch schema), plus one rule
 * of the socket's own: the batch belongs to the session the socket subscribed to. The site key and
 * Origin were checked when the socket was opened.
 */
import type { SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import { type EventBatch, MAX_BODY_BYTES, parseEventBatch } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import { parseJsonBody } from '../http/json-body.ts';

type Refusal = Extract<SocketEventsAnswer, { type: 'error' }>;

const refuse = (code: string, message: string, path: string): Refusal => ({
  type: 'error',
  code,
  message,
  path,
});

/** The batch a socket message carries for session `session`, or why it is refused. */
export function parseSocketEvents(message: string | ArrayBuffer, session: string): EventBatch | Refusal {
  const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : new Uint8Array(message);
  if (bytes.byteLength > MAX_BODY_BYTES)
    return refuse('body_too_large', `a message must be at most ${MAX_BODY_BYTES} bytes`, 'body');
  let json: unknown;
  try {
    json = parseJsonBody(bytes, 'application/json');
  } catch (err) {
    if (err instanceof ApiError) return refuse(err.code, err.message, err.path);
    throw err;
  }
  const msg = json as { type?: unknown; batch?: unknown } | null;
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg) || msg.type !== 'events')
    return refuse('invalid_body', 'a message must be {"type":"events","batch":{...}}', 'type');
  const parsed = parseEventBatch(msg.batch);
  if (!parsed.ok) {
    const { code, message: text, path } = parsed.error;
    return refuse(code, text, path ? `batch.${path}` : 'batch');
  }
  if (parsed.batch.sessionId !== session)
    return refuse('wrong_session', "batch.sessionId must be the socket's session", 'batch.sessionId');
  return parsed.batch;
}
