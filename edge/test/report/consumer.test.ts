/** The queue consumer acks a message only when its lines are in R2 and its report facts in D1. */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { writeEventLog } from '../../src/event-log/consumer.ts';
import { reportSink } from '../../src/report/sink.ts';
import { uid } from '../helpers.ts';

const impression = (sessionId: string): LoggedEvent => ({
  id: uid('e'),
  type: 'impression',
  ts: Date.now() - 1000,
  itemId: 'a',
  props: { recId: 'r.home' },
  site: 'shop2',
  sessionId,
  receivedAt: Date.now(),
});

const impressions = async () =>
  (
    await env.CATALOG.prepare(
      "SELECT COALESCE(SUM(impressions), 0) AS n FROM report_placement_hours WHERE site = 'shop2'",
    ).first<{ n: number }>()
  )?.n;

describe('queue consumer with the report', () => {
  it('retries the delivery when D1 refuses the facts, and counts it once when it succeeds', async () => {
    const body = [impression(uid('s')), impression(uid('s'))];
    const failing = { write: () => Promise.reject(new Error('D1 unavailable')) };
    const first = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: 'm', timestamp: new Date(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await writeEventLog(first, env.EVENT_LOG, undefined, failing);
    spy.mockRestore();
    expect((await getQueueResult(first, ctx)).retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([
      'm',
    ]);
    expect(await impressions()).toBe(0);

    for (const attempts of [2, 3]) {
      const again = createMessageBatch<LoggedEvent[]>('rec-events', [
        { id: 'm', timestamp: new Date(), attempts, body },
      ]);
      const ctx2 = createExecutionContext();
      await writeEventLog(again, env.EVENT_LOG, undefined, reportSink(env));
      expect((await getQueueResult(again, ctx2)).explicitAcks).toEqual(['m']);
    }
    expect(await impressions()).toBe(2);
  });
});
