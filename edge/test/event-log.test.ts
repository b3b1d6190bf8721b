import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../contracts/schema/events.ts';
import { writeEventLog } from '../src/event-log/consumer.ts';
import { logObjectKey, logPartition, toNdjson } from '../src/event-log/layout.ts';
import worker from '../src/index.ts';
import type { SessionDO } from '../src/objects/session-do.ts';
import { postEvents, sessionObject, T0, uid, viewBatch } from './helpers.ts';

const HOUR = 3_600_000;

function line(sessionId: string, receivedAt: number, itemId = 'a'): LoggedEvent {
  return { id: uid('e'), type: 'view', ts: receivedAt - 500, itemId, sessionId, receivedAt };
}

/** Every log line in R2 under `prefix` whose session is `sessionId`. */
async function linesOf(
  sessionId: string,
  prefix = 'events/',
): Promise<{ key: string; event: LoggedEvent }[]> {
  const out: { key: string; event: LoggedEvent }[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.EVENT_LOG.list({ prefix, cursor });
    for (const obj of page.objects) {
      const text = (await (await env.EVENT_LOG.get(obj.key))?.text()) ?? '';
      for (const row of text.split('\n').filter(Boolean)) {
        const event = JSON.parse(row) as LoggedEvent;
        if (event.sessionId === sessionId) out.push({ key: obj.key, event });
      }
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return out;
}

describe('log layout', () => {
  it('partitions by UTC date and hour', () => {
    expect(logPartition(Date.UTC(2026, 3, 26, 9, 59, 59))).toBe('events/dt=2026-04-26/hr=09');
    expect(logPartition(Date.UTC(2026, 11, 31, 23, 0, 0))).toBe('events/dt=2026-12-31/hr=23');
    expect(logObjectKey('events/dt=2026-04-26/hr=09', 5, 'u')).toBe('events/dt=2026-04-26/hr=09/5-u.ndjson');
  });

  it('writes one JSON object per line', () => {
    const events = [line('s1', T0), line('s1', T0 + 1)];
    const text = toNdjson(events);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(events);
  });
});

describe('queue consumer', () => {
  it('writes messages to R2 as NDJSON by receive hour and acks them', async () => {
    const sessionId = uid('s');
    const hourA = Date.UTC(2026, 3, 26, 9, 30);
    const hourB = hourA + HOUR;
    const a = [line(sessionId, hourA, 'x'), line(sessionId, hourA, 'y')];
    const b = [line(sessionId, hourB, 'z')];
    const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: 'm1', timestamp: new Date(hourA), attempts: 1, body: a },
      { id: 'm2', timestamp: new Date(hourB), attempts: 1, body: b },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['m1', 'm2']);
    expect(result.retryMessages).toEqual([]);

    const lines = await linesOf(sessionId);
    expect(lines.filter((l) => l.key.startsWith('events/dt=2026-04-26/hr=09/')).map((l) => l.event)).toEqual(
      a,
    );
    expect(lines.filter((l) => l.key.startsWith('events/dt=2026-04-26/hr=10/')).map((l) => l.event)).toEqual(
      b,
    );
    const object = await env.EVENT_LOG.head(lines[0].key);
    expect(object?.httpMetadata?.contentType).toBe('application/x-ndjson');
  });

  it('retries the messages of a partition whose write failed, acks the rest', async () => {
    const sessionId = uid('s');
    const ok = Date.UTC(2026, 3, 27, 1, 0);
    const broken = Date.UTC(2026, 3, 27, 2, 0);
    // Fault injection: the real bucket, except that writes to one hour fail like an R2 outage.
    const flaky = {
      put: (key: string, value: string, options?: R2PutOptions) => {
        if (key.startsWith(logPartition(broken))) return Promise.reject(new Error('R2 unavailable'));
        return env.EVENT_LOG.put(key, value, options);
      },
    } as unknown as R2Bucket;
    const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: 'ok', timestamp: new Date(ok), attempts: 1, body: [line(sessionId, ok)] },
      { id: 'broken', timestamp: new Date(broken), attempts: 1, body: [line(sessionId, broken)] },
    ]);
    const ctx = createExecutionContext();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await writeEventLog(batch, flaky);
    spy.mockRestore();
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['ok']);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['broken']);
    expect((await linesOf(sessionId)).map((l) => l.event.receivedAt)).toEqual([ok]);
  });
});

describe('producer → queue → R2, through the real Worker', () => {
  it('logs batches with analytics consent, never those without, and never a duplicate twice', async () => {
    const withoutAnalytics = uid('s');
    const withAnalytics = uid('s');
    const quiet = { ...viewBatch(withoutAnalytics, 2), consent: { analytics: false, personalization: true } };
    expect((await postEvents(quiet)).status).toBe(202);
    const logged = { ...viewBatch(withAnalytics, 3), userId: 'u-1' };
    expect((await postEvents(logged)).status).toBe(202);
    expect((await postEvents(logged)).status).toBe(202); // a retry: duplicates only, nothing new to log

    // The local queue delivers after its batch timeout (wrangler.toml max_batch_timeout).
    await vi.waitFor(async () => expect(await linesOf(withAnalytics)).toHaveLength(3), {
      timeout: 20_000,
      interval: 250,
    });
    const lines = await linesOf(withAnalytics);
    expect(lines.map((l) => l.event.itemId)).toEqual(['i0', 'i1', 'i2']);
    expect(lines[0].event).toMatchObject({
      site: 'demo',
      sessionId: withAnalytics,
      userId: 'u-1',
      type: 'view',
    });
    expect(lines[0].key).toMatch(/^events\/dt=\d{4}-\d{2}-\d{2}\/hr=\d{2}\/\d+-[0-9a-f-]+\.ndjson$/);
    expect(lines[0].key.startsWith(logPartition(lines[0].event.receivedAt))).toBe(true);
    // Sent before the logged batch, the unlogged one would have been delivered by now.
    expect(await linesOf(withoutAnalytics)).toEqual([]);
  }, 30_000);
});

describe('log outbox', () => {
  it('keeps lines the queue refused and sends them when the retry alarm fires', async () => {
    const sessionId = uid('s');
    const stub = sessionObject(sessionId);
    const batch = viewBatch(sessionId, 2);
    const pending = (state: DurableObjectState) =>
      state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM log_outbox').one().n;

    const afterFailure = await runInDurableObject(stub, async (instance: SessionDO, state) => {
      // Fault injection: this instance's queue binding refuses messages, like a Queue outage.
      const holder = instance as unknown as { env: Env };
      const realEnv = holder.env;
      holder.env = {
        ...realEnv,
        EVENTS_QUEUE: { send: () => Promise.reject(new Error('queue down')) } as unknown as Queue,
      };
      const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const { parseEventBatch } = await import('../../contracts/schema/events.ts');
        const parsed = parseEventBatch(batch);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const result = await instance.ingest(parsed.batch, 'demo');
        // The send happens after the answer; wait until its failure has scheduled the retry.
        const alarm = await vi.waitFor(async () => {
          const at = await state.storage.getAlarm();
          if (at === null || at > Date.now() + 5 * 60_000) throw new Error('no retry alarm yet');
          return at;
        });
        return { result, pending: pending(state), alarm };
      } finally {
        holder.env = realEnv;
        spy.mockRestore();
      }
    });
    expect(afterFailure.result).toEqual({ accepted: 2, duplicates: 0 });
    expect(afterFailure.pending).toBe(1);
    // The retry alarm comes long before expiry.
    expect(afterFailure.alarm).toBeLessThan(Date.now() + 60_000);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, (_, state) => pending(state))).toBe(0);
    // Sent, and the session itself is still there (it has not expired).
    expect((await stub.snapshot())?.events).toHaveLength(2);
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 20 * 60_000); // back to expiry
    await vi.waitFor(async () => expect(await linesOf(sessionId)).toHaveLength(2), {
      timeout: 20_000,
      interval: 250,
    });
  }, 30_000);
});

describe('log outbox after a failed send', () => {
  it('sends each batch once when later batches queued behind the failed send', async () => {
    const sessionId = uid('s');
    const stub = sessionObject(sessionId);
    const { parseEventBatch } = await import('../../contracts/schema/events.ts');
    const batchAt = (ts: number) => {
      const parsed = parseEventBatch(viewBatch(sessionId, 1, ts));
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.batch;
    };
    const sent = await runInDurableObject(stub, async (instance: SessionDO) => {
      const holder = instance as unknown as { env: Env };
      const realEnv = holder.env;
      const messages: string[] = [];
      let failFirst: (err: Error) => void = () => {};
      let calls = 0;
      // Fault injection: the first send hangs, then fails (a Queue outage); later sends succeed.
      holder.env = {
        ...realEnv,
        EVENTS_QUEUE: {
          send: (lines: LoggedEvent[]) => {
            calls++;
            if (calls === 1)
              return new Promise((_, fail) => {
                failFirst = fail;
              });
            messages.push(lines.map((l) => l.id).join(','));
            return Promise.resolve();
          },
        } as unknown as Queue,
      };
      const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        await instance.ingest(batchAt(T0), 'demo'); // its send hangs
        await instance.ingest(batchAt(T0 + 1000), 'demo'); // queued behind it
        await instance.ingest(batchAt(T0 + 2000), 'demo'); // queued behind that
        failFirst(new Error('queue down'));
        await instance.ingest(batchAt(T0 + 3000), 'demo'); // sent last: all before it are done
        await vi.waitFor(() => {
          if (messages.length < 4) throw new Error('not yet');
        });
        await instance.ingest(batchAt(T0 + 4000), 'demo');
        await vi.waitFor(() => {
          if (messages.length < 5) throw new Error('not yet');
        });
        return messages;
      } finally {
        holder.env = realEnv;
        spy.mockRestore();
      }
    });
    expect(sent).toHaveLength(5);
    expect(new Set(sent).size).toBe(5); // no batch sent twice
  }, 30_000);
});
