import { createMessageBatch } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../contracts/schema/events.ts';
import { writeEventLog } from '../src/event-log/consumer.ts';
import { ADMIN_TOKEN, BASE, postEvents, uid, viewBatch } from './helpers.ts';

const HOUR = 3_600_000;

function line(receivedAt: number, site = 'demo', itemId = 'a'): LoggedEvent {
  return { id: uid('e'), type: 'view', ts: receivedAt - 500, itemId, sessionId: uid('s'), site, receivedAt };
}

/** Write lines to R2 the way the queue consumer does (one object per hour per delivery). */
async function logLines(lines: LoggedEvent[]): Promise<void> {
  const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
    { id: uid('m'), timestamp: new Date(), attempts: 1, body: lines },
  ]);
  await writeEventLog(batch, env.EVENT_LOG);
}

function exportLog(query: string, token: string | null = ADMIN_TOKEN): Promise<Response> {
  return exports.default.fetch(`${BASE}/v1/admin/log?${query}`, {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
}

// Decoded by hand: workerd warns on .text() of a body whose type is not text/*.
const bodyOf = async (res: Response) => new TextDecoder().decode(await res.arrayBuffer());

const parse = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LoggedEvent);

describe('GET /v1/admin/log', () => {
  it('streams exactly the lines received in [from, to), across hours and objects', async () => {
    const t = Date.UTC(2031, 0, 5, 10, 0);
    const before = line(t - 1);
    const inside = [line(t), line(t + 30 * 60_000), line(t + HOUR + 5), line(t + 2 * HOUR - 1)];
    const after = line(t + 2 * HOUR);
    await logLines([before, inside[0], inside[2]]);
    await logLines([inside[1], inside[3], after]);
    const res = await exportLog(`from=${t}&to=${new Date(t + 2 * HOUR).toISOString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8');
    const ids = parse(await bodyOf(res)).map((e) => e.id);
    expect(ids.sort()).toEqual(inside.map((e) => e.id).sort());
  });

  it('keeps one site with ?key=', async () => {
    const t = Date.UTC(2031, 1, 1, 0, 0);
    const demo = line(t + 1, 'demo');
    await logLines([demo, line(t + 2, 'shop2')]);
    const res = await exportLog(`from=${t}&to=${t + HOUR}&key=demo`);
    expect(parse(await bodyOf(res)).map((e) => e.id)).toEqual([demo.id]);
  });

  it('answers an empty range with 200 and an empty body', async () => {
    const res = await exportLog('from=2031-03-01&to=2031-03-02');
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toBe('');
  });

  it('answers 401 without a valid admin token, revealing nothing', async () => {
    const t = Date.UTC(2031, 4, 1, 0, 0);
    await logLines([line(t + 1, 'demo', 'secret-item')]);
    for (const token of [null, 'wrong-token']) {
      const res = await exportLog(`from=${t}&to=${t + HOUR}`, token);
      expect(res.status).toBe(401);
      expect(await bodyOf(res)).not.toContain('secret-item');
    }
  });

  it('answers 400 naming the parameter for a missing, malformed, reversed or too long range', async () => {
    const cases: [string, string][] = [
      ['to=2031-01-02', 'from'],
      ['from=2031-01-01', 'to'],
      ['from=yesterday&to=2031-01-02', 'from'],
      ['from=2031-01-01&to=2031-13-45', 'to'],
      ['from=2031-01-02&to=2031-01-01', 'to'],
      ['from=1000&to=1000', 'to'],
      ['from=2031-01-01&to=2031-02-02', 'to'],
    ];
    for (const [query, path] of cases) {
      const res = await exportLog(query);
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toMatchObject({ error: { code: 'invalid_range', path } });
    }
  });

  it('holds only what the log holds: events sent without analytics consent never appear', async () => {
    const from = Date.now() - 1000;
    const quiet = uid('s');
    const logged = uid('s');
    const now = Date.now() - 10_000;
    await postEvents({ ...viewBatch(quiet, 2, now), consent: { analytics: false, personalization: true } });
    await postEvents(viewBatch(logged, 2, now));
    // The local queue delivers after its batch timeout (1 s in the test config).
    const sessions = await vi.waitFor(
      async () => {
        const res = await exportLog(`from=${from}&to=${Date.now() + 1000}`);
        const events = parse(await bodyOf(res));
        if (!events.some((e) => e.sessionId === logged)) throw new Error('not logged yet');
        return events.map((e) => e.sessionId);
      },
      { timeout: 20_000, interval: 250 },
    );
    expect(sessions.filter((s) => s === logged)).toHaveLength(2);
    expect(sessions).not.toContain(quiet);
  }, 30_000);
});
