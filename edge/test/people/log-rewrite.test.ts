import { createMessageBatch } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { writeEventLog } from '../../src/event-log/consumer.ts';
import { erasePerson } from '../../src/people/erase-person.ts';
import { hoursOf } from '../../src/people/interactions.ts';
import { rewriteLog } from '../../src/people/log-scan.ts';
import { uid } from '../helpers.ts';
import { rawLogLines } from './people-helpers.ts';

/** A logged view of session `sessionId` received at `at`. */
const line = (sessionId: string, at: number): LoggedEvent => ({
  id: uid('e'),
  type: 'view',
  ts: at - 10,
  itemId: 'i',
  site: 'demo',
  sessionId,
  receivedAt: at,
});

describe('rewriting the event log for an erasure', () => {
  it('two erasures rewriting the same object at once both take effect', async () => {
    const at = Date.UTC(2032, 2, 3, 4, 5);
    const [a, b, c] = [uid('s'), uid('s'), uid('s')];
    const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: uid('m'), timestamp: new Date(), attempts: 1, body: [line(a, at), line(b, at), line(c, at)] },
    ]);
    await writeEventLog(batch, env.EVENT_LOG);
    const of = (session: string) => async (l: LoggedEvent) => l.sessionId === session;
    const [ra, rb] = await Promise.all([
      rewriteLog(env.EVENT_LOG, hoursOf([at]), of(a)),
      rewriteLog(env.EVENT_LOG, hoursOf([at]), of(b)),
    ]);
    expect(ra.linesRemoved + rb.linesRemoved).toBe(2);
    const left = (await rawLogLines()).filter((l) => [a, b, c].includes(l.sessionId));
    expect(left.map((l) => l.sessionId)).toEqual([c]);
  });

  it('deletes an object whose every line is erased', async () => {
    const at = Date.UTC(2032, 3, 3, 4, 5);
    const s = uid('s');
    const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
      {
        id: uid('m'),
        timestamp: new Date(),
        attempts: 1,
        body: [
          { id: uid('e'), type: 'view', ts: at, itemId: 'i', site: 'demo', sessionId: s, receivedAt: at },
        ],
      },
    ]);
    await writeEventLog(batch, env.EVENT_LOG);
    const prefix = 'events/dt=2032-04-03/hr=04/';
    expect((await env.EVENT_LOG.list({ prefix })).objects).toHaveLength(1);
    await rewriteLog(env.EVENT_LOG, hoursOf([at]), async () => true);
    expect((await env.EVENT_LOG.list({ prefix })).objects).toHaveLength(0);
  });
  it('an erasure past its inline bound answers at once and the queue rewrites the other hours', async () => {
    // Hours before now: a tombstone erases the lines received before it.
    const hours = [0, 1, 2, 3, 4].map((h) => Date.UTC(2026, 4, 5, h, 30));
    const [person, bystander] = [uid('s'), uid('s')];
    const batch = createMessageBatch<LoggedEvent[]>(
      'rec-events',
      hours.map((at) => ({
        id: uid('m'),
        timestamp: new Date(),
        attempts: 1,
        body: [line(person, at), line(bystander, at)],
      })),
    );
    await writeEventLog(batch, env.EVENT_LOG);
    const linesOf = async (s: string) => (await rawLogLines()).filter((l) => l.sessionId === s).length;
    expect(await linesOf(person)).toBe(5);

    // One object inside the request: the first hour; the four others go to the queue.
    const result = await erasePerson(env, 'demo', undefined, [{ sessionId: person, hours: hoursOf(hours) }], {
      inlineObjects: 1,
    });
    expect(result.log).toMatchObject({ partitions: 1, linesRemoved: 1, pendingPartitions: 4 });
    await vi.waitFor(async () => expect(await linesOf(person)).toBe(0), { timeout: 15_000, interval: 200 });
    expect(await linesOf(bystander)).toBe(5);
  }, 30_000);
});
