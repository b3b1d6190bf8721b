/** Post one session's events to `POST /v1/events` the way a shopper's browser would (with consent). */

import type { WireEvent } from '../../contracts/push-socket.ts';

export type { WireEvent };

/** Post `events` of `sessionId` for site `key` in batches of 100; throws unless every batch is stored. */
export async function postSessionEvents(
  base: string,
  key: string,
  sessionId: string,
  events: WireEvent[],
): Promise<number> {
  for (let i = 0; i < events.length; i += 100) {
    const res = await fetch(`${base}/v1/events?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        sessionId,
        consent: { analytics: true, personalization: true },
        events: events.slice(i, i + 100),
      }),
    });
    if (res.status !== 202)
      throw new Error(`seeding traffic: POST /v1/events answered ${res.status} ${await res.text()}`);
  }
  return events.length;
}
