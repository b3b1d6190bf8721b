/** Shared helpers for the edge tests: batches, requests through the real Worker, admin reads. */
import { env, exports } from 'cloudflare:workers';
import type { SocketEventsAnswer } from '../../contracts/push-socket.ts';
import type { EventBatchInput, LoggedEvent } from '../../contracts/schema/events.ts';
import { sessionStub } from '../src/session/session-name.ts';
import type { SessionSnapshot } from '../src/session/types.ts';

export const ORIGIN = 'http://localhost:8787';
export const ADMIN_TOKEN = 'test-admin-token';
export const BASE = 'http://localhost';
/** A fixed, plausible event time (2026-05-28) so tests do not depend on the clock. */
export const T0 = 1_780_000_000_000;

let counter = 0;
/** A fresh id valid as a session or event id, unique within the test run. */
export function uid(prefix = 'id'): string {
  counter += 1;
  return `${prefix}_${counter}_${crypto.randomUUID().slice(0, 8)}`;
}

/** A valid batch of `n` view events on items i0..i{n-1}, 1 s apart from `ts`. */
export function viewBatch(sessionId: string, n: number, ts = T0): EventBatchInput {
  return {
    sessionId,
    consent: { analytics: true, personalization: true },
    events: Array.from({ length: n }, (_, i) => ({
      id: uid('ev'),
      type: 'Product Viewed',
      ts: ts + i * 1000,
      itemId: `i${i}`,
    })),
  };
}

/** POST a body (object → JSON, string → as is) to /v1/events with the `demo` key by default. */
export function postEvents(
  body: unknown,
  {
    key = 'demo',
    origin,
    headers = {},
  }: { key?: string | null; origin?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const url = new URL('/v1/events', BASE);
  if (key !== null) url.searchParams.set('key', key);
  return exports.default.fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(origin ? { Origin: origin } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** GET or DELETE an admin session route of site `key` with the test admin token (or `token`). */
export function admin(
  method: 'GET' | 'DELETE',
  sessionId: string,
  token: string | null = ADMIN_TOKEN,
  key = 'demo',
): Promise<Response> {
  return exports.default.fetch(`${BASE}/v1/sessions/${sessionId}?key=${key}`, {
    method,
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
}

/** The stored session state of site `key`, or null when the admin route says nothing is stored. */
export async function storedSession(sessionId: string, key = 'demo'): Promise<SessionSnapshot | null> {
  const res = await admin('GET', sessionId, ADMIN_TOKEN, key);
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`admin GET answered ${res.status}: ${await res.text()}`);
  return res.json<SessionSnapshot>();
}

/** The Durable Object of session `sessionId` of site `site` (what the routes reach). */
export function sessionObject(sessionId: string, site = 'demo') {
  return sessionStub(env, site, sessionId);
}

/** A push socket as the SDK holds it: send one message up, await the edge's answer to it. */
export interface EventSocket {
  send(message: unknown): Promise<SocketEventsAnswer>;
  close(): void;
  /** Whether the edge has closed it. */
  readonly closed: boolean;
}

/** Open the push socket of `session` through the real route (site key and Origin checked). */
export async function openEventSocket(session: string, origin = ORIGIN): Promise<EventSocket> {
  const query = new URLSearchParams({ key: 'demo', session, placement: 'home' });
  const res = await exports.default.fetch(`${BASE}/v1/recommendations/ws?${query}`, {
    headers: { Upgrade: 'websocket', Origin: origin },
  });
  if (res.status !== 101) throw new Error(`socket upgrade answered ${res.status}: ${await res.text()}`);
  const ws = res.webSocket!;
  const answers: SocketEventsAnswer[] = [];
  let closed = false;
  let heard: () => void = () => {};
  ws.addEventListener('message', (e) => {
    const msg = JSON.parse(e.data as string) as { type: string };
    if (msg.type !== 'recommendations') answers.push(msg as SocketEventsAnswer);
    heard();
  });
  ws.addEventListener('close', () => {
    closed = true;
    heard();
  });
  ws.accept();
  return {
    get closed() {
      return closed;
    },
    async send(message) {
      const count = answers.length;
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      while (answers.length === count) {
        if (closed) throw new Error('the edge closed the socket');
        await new Promise<void>((r) => {
          heard = r;
        });
      }
      return answers[count]!;
    },
    close: () => ws.close(1000, 'done'),
  };
}

/** Every line of `sessionId` in the R2 event log, in object then line order. */
export async function loggedLines(sessionId: string): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = [];
  const page = await env.EVENT_LOG.list({ prefix: 'events/' });
  for (const obj of page.objects) {
    const text = (await (await env.EVENT_LOG.get(obj.key))?.text()) ?? '';
    for (const row of text.split('\n').filter(Boolean)) {
      const line = JSON.parse(row) as LoggedEvent;
      if (line.sessionId === sessionId) out.push(line);
    }
  }
  return out;
}
