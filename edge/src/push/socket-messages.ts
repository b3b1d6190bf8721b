/**
 * Messages sent up a push socket (`SocketMessage`, contracts/push-socket.ts). Events are checked
 * exactly as `POST /v1/events` checks a body (size, UTF-8 JSON, shape limits, the batch schema),
 * plus one rule of the socket's own: the batch belongs to the session the socket was opened for.
 * A subscription's query is checked here for its shape only; the route's rules (placement, k)
 * apply where it is resolved. The site key and Origin were checked when the socket was opened.
 */
import { MAX_SUBSCRIPTION_ID, type SocketEventsAnswer } from '../../../contracts/push-socket.ts';
import { type EventBatch, MAX_BODY_BYTES, parseEventBatch } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import { parseJsonBody } from '../http/json-body.ts';

/** A refused message, answered in the one error shape. */
export type Refusal = Extract<SocketEventsAnswer, { type: 'error' }>;

/** A message as the session object acts on it. */
export type SocketRequest =
  | { type: 'events'; batch: EventBatch }
  | { type: 'subscribe'; id: string; query: Record<string, string> }
  | { type: 'unsubscribe'; id: string };

const refuse = (code: string, message: string, path: string, id?: string): Refusal => ({
  type: 'error',
  code,
  message,
  path,
  ...(id === undefined ? {} : { id }),
});

const isId = (id: unknown): id is string =>
  typeof id === 'string' && id.length > 0 && id.length <= MAX_SUBSCRIPTION_ID;

/** What a socket message of session `session` asks for, or why it is refused. */
export function parseSocketMessage(message: string | ArrayBuffer, session: string): SocketRequest | Refusal {
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
  const msg = json as { type?: unknown; batch?: unknown; id?: unknown; query?: unknown } | null;
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    return refuse('invalid_body', 'a message must be {"type":"events","batch":{...}}', 'type');
  if (msg.type === 'subscribe' || msg.type === 'unsubscribe') {
    if (!isId(msg.id))
      return refuse('invalid_body', `id must be a string of 1-${MAX_SUBSCRIPTION_ID} characters`, 'id');
    if (msg.type === 'unsubscribe') return { type: 'unsubscribe', id: msg.id };
    if (typeof msg.query !== 'string')
      return refuse('invalid_body', 'query must be a query string', 'query', msg.id);
    const query = Object.fromEntries(new URLSearchParams(msg.query));
    // The socket's own site and session, whatever the query says.
    delete query.key;
    delete query.session;
    return { type: 'subscribe', id: msg.id, query };
  }
  if (msg.type !== 'events')
    return refuse('invalid_body', 'a message must be {"type":"events","batch":{...}}', 'type');
  const parsed = parseEventBatch(msg.batch);
  if (!parsed.ok) {
    const { code, message: text, path } = parsed.error;
    return refuse(code, text, path ? `batch.${path}` : 'batch');
  }
  if (parsed.batch.sessionId !== session)
    return refuse('wrong_session', "batch.sessionId must be the socket's session", 'batch.sessionId');
  return { type: 'events', batch: parsed.batch };
}
