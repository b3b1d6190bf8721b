/**
 * Fuzz `POST /v1/events` (JSON and the beacon's text/plain) against the real Worker and Durable
 * Objects: never a 5xx, errors in the one JSON shape, a refused batch stores nothing, an accepted
 * one reads back as sent. Seeded; a failure prints the seed and the smallest failing case.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { normalizeEventType } from '../../../contracts/event-types.ts';
import { uid } from '../helpers.ts';
import { expectApiAnswer } from './answer.ts';
import {
  batchText,
  contentEncoding,
  contentType,
  headerSafe,
  origin,
  SESSION,
  siteKey,
} from './arbitraries.ts';
import { FUZZ_TIMEOUT_MS, report, runsOf } from './budget.ts';
import { readSession, send } from './request.ts';

interface SentEvent {
  id: string;
  type: string;
  ts: number;
  itemId?: string;
  props?: unknown;
}

/** What the session must hold after `sent` was accepted: each id's first event, types normalised. */
function expectedEvents(sent: { events: SentEvent[]; consent: { personalization: boolean } }) {
  const seen = new Set<string>();
  return sent.events
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .map((e) => ({
      id: e.id,
      type: normalizeEventType(e.type),
      ts: e.ts,
      itemId: e.itemId,
      props: sent.consent.personalization ? e.props : undefined,
    }));
}

it(
  'POST /v1/events: never a 5xx; refused stores nothing; accepted reads back as sent',
  async () => {
    const started = Date.now();
    let cases = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        batchText,
        fc.record({
          type: contentType,
          encoding: contentEncoding,
          origin,
          key: siteKey,
          keyInHeader: fc.boolean(),
        }),
        async (template, h) => {
          cases++;
          const sessionId = uid('fz');
          const text = template.replaceAll(SESSION, sessionId);
          const headers: Record<string, string> = {};
          if (h.type !== undefined) headers['Content-Type'] = h.type;
          if (h.encoding !== undefined) headers['Content-Encoding'] = h.encoding;
          if (h.origin !== undefined) headers.Origin = h.origin;
          const query = new URLSearchParams();
          if (h.key !== undefined) {
            if (h.keyInHeader) headers['X-Rec-Key'] = headerSafe(h.key);
            else query.set('key', h.key);
          }
          const res = await send(`/v1/events?${query}`, { method: 'POST', headers, body: text });
          const context = `POST /v1/events ${JSON.stringify(h)} ${text.slice(0, 300)}`;
          await expectApiAnswer(res, context);
          const stored = await readSession(sessionId);
          if (res.status !== 202) {
            expect(stored, `refused (${res.status}) but stored: ${context}`).toBeNull();
            return;
          }
          accepted++;
          const sent = JSON.parse(text);
          const got = (stored?.events ?? []).map((e) => ({
            id: e.id,
            type: e.type,
            ts: e.ts,
            itemId: e.itemId,
            props: e.props,
          }));
          const want = expectedEvents(sent);
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
          expect(got.sort(byId), context).toEqual(want.sort(byId));
        },
      ),
      runsOf(0.35),
    );
    report('POST /v1/events', cases, Date.now() - started);
    // A fuzz run that never gets past validation tests nothing behind it.
    expect(accepted).toBeGreaterThan(cases * 0.05);
  },
  FUZZ_TIMEOUT_MS,
);
