/**
 * One tracked event as a `SocketEvents` message (contracts/push-socket.ts): sent up the open push
 * socket so the session's fresh answer does not wait for the next batch. The queue still sends the
 * event in its batch; the edge keeps the first copy by id, so it is stored and logged once.
 */
import type { SocketEvents } from '../../../contracts/push-socket.ts';
import type { ConsentState, RecEvents } from '../types.ts';

/** The message for `e` under `consent` (the user id only with personalization, as in a batch). */
export function socketEvents(
  { sessionId, userId, ...event }: RecEvents['track'],
  { analytics, personalization }: ConsentState,
): string {
  const message: SocketEvents = {
    type: 'events',
    batch: {
      sessionId,
      userId: personalization ? userId : undefined,
      consent: { analytics, personalization },
      events: [event],
    },
  };
  return JSON.stringify(message);
}
