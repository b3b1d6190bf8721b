/**
 * Fuzz the events sent up a push socket (`SocketEvents`) with the bodies the `POST /v1/events` fuzz
 * sends, wrapped or raw: every message gets one answer (`accepted` or an error in the one shape),
 * the socket stays open, a refused message changes nothing, an accepted one reads back as sent,
 * and a batch for another session is refused and stored nowhere.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type EventSocket, openEventSocket, uid } from '../helpers.ts';
import { batchText, SESSION } from './arbitraries.ts';
import { FUZZ_TIMEOUT_MS, report, runsOf } from './budget.ts';
import { byId, expectedAfter, type SentBatch, view } from './expected-session.ts';
import { readSession } from './request.ts';

const POOL = Array.from({ length: 8 }, () => uid('fzs'));

const sockets = new Map<string, EventSocket>();

/** The pool session's socket, opened once through the real route (site key and Origin checked). */
async function socketOf(session: string): Promise<EventSocket> {
  const open = sockets.get(session);
  if (open && !open.closed) return open;
  const socket = await openEventSocket(session);
  sockets.set(session, socket);
  return socket;
}

const stored = async (session: string) =>
  ((await readSession(session))?.events ?? []).map((e) => view(e, e.props)).sort(byId);

it(
  'events up the push socket: one answer per message; refused changes nothing; accepted reads back',
  async () => {
    const started = Date.now();
    let cases = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        batchText,
        fc.record({
          socket: fc.nat(POOL.length - 1),
          other: fc.option(fc.nat(POOL.length - 1), { freq: 4 }),
          wrap: fc.nat(9),
        }),
        async (template, h) => {
          cases++;
          const own = POOL[h.socket]!;
          const target = h.other === null ? own : POOL[h.other]!; // the session the batch names
          const text = template.replaceAll(SESSION, target);
          const message = h.wrap === 0 ? text : `{"type":"events","batch":${text}}`;
          const before = await stored(own);
          const beforeTarget = await stored(target);
          const socket = await socketOf(own);
          const answer = await socket.send(message);
          const context = `${message.slice(0, 300)} → ${JSON.stringify(answer)}`;
          const after = await stored(own);
          if (answer.type === 'error') {
            expect(Object.keys(answer).sort(), context).toEqual(['code', 'message', 'path', 'type']);
            expect(answer.code, context).not.toBe('internal_error');
            expect(after, `refused but the session changed: ${context}`).toEqual(before);
            expect(await stored(target), context).toEqual(beforeTarget);
            return;
          }
          accepted++;
          expect(answer.type, context).toBe('accepted');
          expect(target, `accepted for another session: ${context}`).toBe(own);
          const sent = (JSON.parse(message) as { batch: SentBatch }).batch;
          expect(after, context).toEqual(expectedAfter(before, sent));
          expect(answer.accepted + answer.duplicates, context).toBe(sent.events.length);
        },
      ),
      runsOf(0.05),
    );
    report('push socket events', cases, Date.now() - started);
    expect(accepted).toBeGreaterThan(cases * 0.02);
  },
  FUZZ_TIMEOUT_MS,
);
