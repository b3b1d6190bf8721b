/** Helpers of the people tests: identified batches, the person routes, reading a session's context. */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { EventBatchInput, LoggedEvent } from '../../../contracts/schema/events.ts';
import type { SessionDO } from '../../src/objects/session-do.ts';
import type { PersonExport } from '../../src/people/export-person.ts';
import { profileStub } from '../../src/people/profile-name.ts';
import { ADMIN_TOKEN, BASE, postEvents, sessionObject, uid } from '../helpers.ts';

/** A batch of views of `items` by `userId` (none: anonymous), 1 s apart from `ts`. */
export function views(
  sessionId: string,
  items: readonly string[],
  { userId, ts = Date.now() - 60_000, personalization = true } = {} as {
    userId?: string;
    ts?: number;
    personalization?: boolean;
  },
): EventBatchInput {
  return {
    sessionId,
    ...(userId === undefined ? {} : { userId }),
    consent: { analytics: true, personalization },
    events: items.map((itemId, i) => ({ id: uid('ev'), type: 'Product Viewed', ts: ts + i * 1000, itemId })),
  };
}

/** POST a batch and check it was stored. */
export async function send(batch: EventBatchInput, key = 'demo'): Promise<void> {
  const res = await postEvents(batch, { key });
  if (res.status !== 202) throw new Error(`events answered ${res.status}: ${await res.text()}`);
}

/** A person route of site `key` with the admin token (or `token`). */
export function personRoute(
  method: 'GET' | 'DELETE',
  userId: string,
  { key = 'demo', token = ADMIN_TOKEN as string | null } = {},
): Promise<Response> {
  const path = method === 'GET' ? `${encodeURIComponent(userId)}/export` : encodeURIComponent(userId);
  return exports.default.fetch(`${BASE}/v1/users/${path}?key=${key}`, {
    method,
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
}

/** The person's export, or null on 404. */
export async function exported(userId: string, key = 'demo'): Promise<PersonExport | null> {
  const res = await personRoute('GET', userId, { key });
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  return res.json<PersonExport>();
}

/** The item ids the session's recommender reads (its context's recent interactions), oldest first. */
export function recentItems(sessionId: string, site = 'demo'): Promise<string[]> {
  return runInDurableObject(sessionObject(sessionId, site), (instance: SessionDO) =>
    instance.context().recent.map((e) => e.itemId),
  );
}

/** The profile's interactions' item ids (oldest first), or null when there is no profile. */
export async function profileItems(userId: string, site = 'demo'): Promise<string[] | null> {
  const snapshot = await profileStub(env, site, userId).snapshot();
  return snapshot ? snapshot.interactions.map((i) => i.itemId) : null;
}

/** The admin log export of [from, now + 1 s) as parsed lines. */
export async function logLines(from: number, key?: string): Promise<LoggedEvent[]> {
  const query = new URLSearchParams({ from: String(from), to: String(Date.now() + 1000) });
  if (key) query.set('key', key);
  const res = await exports.default.fetch(`${BASE}/v1/admin/log?${query}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const text = new TextDecoder().decode(await res.arrayBuffer());
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LoggedEvent);
}

/** The raw R2 log lines (every object of the bucket), bypassing every reader's filter. */
export async function rawLogLines(): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.EVENT_LOG.list({ prefix: 'events/', cursor });
    for (const obj of page.objects) {
      const body = await env.EVENT_LOG.get(obj.key);
      const text = body ? new TextDecoder().decode(await body.arrayBuffer()) : '';
      for (const l of text.split('\n')) if (l) out.push(JSON.parse(l) as LoggedEvent);
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return out;
}
