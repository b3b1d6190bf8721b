/** A person's erasure leaves no session id of theirs in the report, and the shop's totals as they were. */
import { createMessageBatch } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { writeEventLog } from '../../src/event-log/consumer.ts';
import { erasePerson } from '../../src/people/erase-person.ts';
import { reportSink } from '../../src/report/sink.ts';
import { uid } from '../helpers.ts';

const SITE = 'shop2';

function line(sessionId: string, type: LoggedEvent['type'], extra: Partial<LoggedEvent>): LoggedEvent {
  return {
    id: uid('e'),
    type,
    ts: Date.now() - 5000,
    site: SITE,
    sessionId,
    receivedAt: Date.now(),
    ...extra,
  };
}

async function rowsOf(sessionId: string): Promise<number> {
  let n = 0;
  for (const table of [
    'report_rec_events',
    'report_cart_adds',
    'report_order_lines',
    'report_visitor_hours',
  ]) {
    const row = await env.CATALOG.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE session = ?`)
      .bind(sessionId)
      .first<{ n: number }>();
    n += row?.n ?? 0;
  }
  return n;
}

const revenue = async () =>
  (await env.CATALOG.prepare(
    'SELECT COALESCE(SUM(revenue_micros), 0) AS n, COUNT(*) AS lines FROM report_order_lines WHERE site = ?',
  )
    .bind(SITE)
    .first<{ n: number; lines: number }>()) ?? { n: 0, lines: 0 };

describe('erasure and the report', () => {
  it("unlinks the erased session's facts from it without changing the totals", async () => {
    const session = uid('s');
    const bystander = uid('s');
    const lines = (s: string) => [
      line(s, 'impression', { itemId: 'a', props: { recId: 'r1.home' } }),
      line(s, 'rec_click', { itemId: 'a', props: { recId: 'r1.home' } }),
      line(s, 'cart_add', { itemId: 'a' }),
      line(s, 'purchase', {
        props: { currency: 'EUR', products: [{ product_id: 'a', price: 20, quantity: 2 }] },
      }),
    ];
    const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
      { id: uid('m'), timestamp: new Date(), attempts: 1, body: [...lines(session), ...lines(bystander)] },
    ]);
    await writeEventLog(batch, env.EVENT_LOG, env.CATALOG, reportSink(env));
    expect(await rowsOf(session)).toBeGreaterThanOrEqual(4);
    const before = await revenue();

    await erasePerson(env, SITE, undefined, [{ sessionId: session, hours: [] }]);

    expect(await rowsOf(session)).toBe(0);
    expect(await rowsOf(bystander)).toBeGreaterThanOrEqual(4);
    expect(await revenue()).toEqual(before);
  });
});
