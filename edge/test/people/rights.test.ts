import { createMessageBatch } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { writeEventLog } from '../../src/event-log/consumer.ts';
import { BASE, ORIGIN, storedSession, uid } from '../helpers.ts';
import {
  exported,
  logLines,
  personRoute,
  profileItems,
  rawLogLines,
  recentItems,
  send,
  views,
} from './people-helpers.ts';

// The local queue delivers after 1 s (test config); a few deliveries may be needed.
const logWait = { timeout: 20_000, interval: 250 };

/** A person with two sessions (the first anonymous until login) whose lines are all in the log. */
async function personWithHistory() {
  const from = Date.now() - 1000;
  const user = uid('u');
  const first = uid('s');
  const second = uid('s');
  const t = Date.now() - 120_000;
  await send(views(first, ['f1'], { ts: t }));
  await send(views(first, ['f2'], { userId: user, ts: t + 1000 }));
  await send(views(second, ['g1', 'g2'], { userId: user, ts: t + 60_000 }));
  // Someone else, in the same hours of the log.
  const bystander = uid('s');
  await send(views(bystander, ['z1'], { userId: uid('u'), ts: t }));
  await vi.waitFor(async () => {
    const lines = await logLines(from, 'demo');
    const sessions = new Set([first, second, bystander]);
    expect(lines.filter((l) => sessions.has(l.sessionId))).toHaveLength(5);
  }, logWait);
  await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['f1', 'f2', 'g1', 'g2']), {
    timeout: 5000,
    interval: 50,
  });
  return { from, user, first, second, bystander };
}

function forget(sessionId: string): Promise<Response> {
  return exports.default.fetch(`${BASE}/v1/sessions/${sessionId}/forget?key=demo`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
  });
}

describe("a person's rights: export and erasure across sessions, profile and log", () => {
  it('exports everything held about the person as JSON', async () => {
    const { user, first, second, bystander } = await personWithHistory();
    const data = await exported(user);
    expect(data).toMatchObject({ site: 'demo', userId: user });
    expect(data!.profile.interactions.map((i) => i.itemId)).toEqual(['f1', 'f2', 'g1', 'g2']);
    expect(data!.profile.sessions.map((s) => s.sessionId).sort()).toEqual([first, second].sort());
    expect(data!.sessions.map((s) => [s.sessionId, s.events.length]).sort()).toEqual(
      [
        [first, 2],
        [second, 2],
      ].sort(),
    );
    // The anonymous line before login is theirs too; nobody else's is.
    const logged = data!.log.map((l) => l.itemId).sort();
    expect(logged).toEqual(['f1', 'f2', 'g1', 'g2']);
    expect(data!.log.some((l) => l.sessionId === bystander)).toBe(false);
  }, 30_000);

  it("erases the profile, every linked session and the person's lines in the log, and nobody else's", async () => {
    const { from, user, first, second, bystander } = await personWithHistory();
    const res = await personRoute('DELETE', user);
    expect(res.status).toBe(200);
    const body = await res.json<{
      erased: boolean;
      existed: boolean;
      sessions: string[];
      log: { linesRemoved: number };
    }>();
    expect(body).toMatchObject({ userId: user, erased: true, existed: true });
    expect(body.sessions.sort()).toEqual([first, second].sort());
    expect(body.log.linesRemoved).toBe(4);

    expect(await storedSession(first)).toBeNull();
    expect(await storedSession(second)).toBeNull();
    expect(await exported(user)).toBeNull();
    expect(await profileItems(user)).toBeNull();
    // What a retrain downloads (the admin log export) and what a copy of the bucket holds.
    const mine = (l: LoggedEvent) => l.sessionId === first || l.sessionId === second || l.userId === user;
    const exportedLines = await logLines(from, 'demo');
    expect(exportedLines.filter(mine)).toEqual([]);
    expect(exportedLines.some((l) => l.sessionId === bystander)).toBe(true);
    const raw = await rawLogLines();
    expect(raw.filter(mine)).toEqual([]);
    expect(raw.some((l) => l.sessionId === bystander)).toBe(true);
    expect(await storedSession(bystander)).not.toBeNull();

    // A returning person after the erasure starts from nothing.
    const again = uid('s');
    await send(views(again, ['h1'], { userId: user }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['h1']), {
      timeout: 5000,
      interval: 50,
    });
    expect(await recentItems(again)).toEqual(['h1']);
  }, 30_000);

  it('drops lines that were in flight at the erasure, and logs the session again afterwards', async () => {
    const user = uid('u');
    const session = uid('s');
    await send(views(session, ['k1'], { userId: user }));
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['k1']), {
      timeout: 5000,
      interval: 50,
    });
    const erasedAt = Date.now();
    expect((await personRoute('DELETE', user)).status).toBe(200);
    // A delivery after the erasure of a line received before it (it sat in the Queue), and a line
    // the same session sent after it.
    const line = (receivedAt: number, itemId: string): LoggedEvent => ({
      id: uid('e'),
      type: 'view',
      ts: receivedAt - 10,
      itemId,
      site: 'demo',
      sessionId: session,
      userId: user,
      receivedAt,
    });
    const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: uid('m'), timestamp: new Date(), attempts: 1, body: [line(erasedAt - 5, 'late')] },
      { id: uid('m'), timestamp: new Date(), attempts: 1, body: [line(Date.now() + 1, 'after')] },
    ]);
    await writeEventLog(batch, env.EVENT_LOG, env.CATALOG);
    const items = (await rawLogLines()).filter((l) => l.sessionId === session).map((l) => l.itemId);
    expect(items).toEqual(['after']);
  });

  it("answers for one site only: another site's key can neither read nor erase the person", async () => {
    const { user, first } = await personWithHistory();
    expect((await personRoute('GET', user, { key: 'shop2' })).status).toBe(404);
    const res = await personRoute('DELETE', user, { key: 'shop2' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ existed: false, sessions: [], log: { linesRemoved: 0 } });
    expect(await profileItems(user)).toEqual(['f1', 'f2', 'g1', 'g2']);
    expect(await storedSession(first)).not.toBeNull();
    expect((await exported(user))!.log).toHaveLength(4);
  }, 30_000);

  it('requires the admin token and a site key, and names a bad user id', async () => {
    const user = uid('u');
    await send(views(uid('s'), ['r1'], { userId: user }));
    for (const method of ['GET', 'DELETE'] as const) {
      const noToken = await personRoute(method, user, { token: null });
      expect(noToken.status).toBe(401);
      expect(await noToken.json()).toMatchObject({ error: { path: 'Authorization' } });
      const badKey = await personRoute(method, user, { key: 'nope' });
      expect(badKey.status).toBe(401);
      expect(await badKey.json()).toMatchObject({ error: { code: 'unknown_site_key' } });
      const tooLong = await personRoute(method, 'x'.repeat(129));
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toMatchObject({ error: { code: 'invalid_user_id', path: 'id' } });
    }
    await vi.waitFor(async () => expect(await profileItems(user)).toEqual(['r1']), {
      timeout: 5000,
      interval: 50,
    });
  });

  it('withdrawing consent in the SDK (forget) erases the whole person of an identified session', async () => {
    const { from, user, first, second } = await personWithHistory();
    const res = await forget(second);
    expect(res.status).toBe(204);
    expect(await storedSession(first)).toBeNull();
    expect(await storedSession(second)).toBeNull();
    expect(await exported(user)).toBeNull();
    const mine = (l: LoggedEvent) => l.sessionId === first || l.sessionId === second;
    expect((await logLines(from, 'demo')).filter(mine)).toEqual([]);
    expect((await rawLogLines()).filter(mine)).toEqual([]);
  }, 30_000);

  it('forgetting an anonymous session erases its log lines too', async () => {
    const from = Date.now() - 1000;
    const session = uid('s');
    await send(views(session, ['w1', 'w2']));
    await vi.waitFor(async () => {
      expect((await logLines(from, 'demo')).filter((l) => l.sessionId === session)).toHaveLength(2);
    }, logWait);
    expect((await forget(session)).status).toBe(204);
    expect(await storedSession(session)).toBeNull();
    expect((await rawLogLines()).filter((l) => l.sessionId === session)).toEqual([]);
  }, 30_000);
});
