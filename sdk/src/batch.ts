/** Cutting the queue into request bodies that the edge and the browser's 64 KB cap accept. */
import { MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH } from '../../contracts/limits.ts';
import type { ConsentState, QueuedEvent } from './types.ts';

/** A queued event with its session, user, attempt count and order within its page. */
export interface Item {
  e: QueuedEvent;
  /** Session id. */
  s: string;
  /** User id (sent only with personalization consent). */
  u?: string;
  /** Failed attempts answered 5xx/408/429. */
  a?: number;
  /** Poison suspect (`poison.ts`): 1 = try the events behind it, 2 = they went through, retry it alone. */
  p?: 1 | 2;
  /** Sequence number within the page that queued it (ties on `e.ts`). */
  n: number;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** The request body for `items` (all of one session and user) under `consent`. */
export function encode(items: Item[], consent: ConsentState): string {
  const first = items[0];
  return JSON.stringify({
    sessionId: first?.s,
    userId: consent.personalization ? first?.u : undefined,
    consent: { analytics: consent.analytics, personalization: consent.personalization },
    events: items.map((i) => i.e),
  });
}

/**
 * The longest prefix of `items` that shares one session and user, holds at most `max` events and
 * encodes to at most MAX_BODY_BYTES.
 */
export function nextBatch(items: Item[], max: number, consent: ConsentState): Item[] {
  const first = items[0];
  if (!first) return [];
  // Envelope size plus each event and its comma: exact, because JSON.stringify is deterministic.
  let size = bytes(encode([first], consent)) - bytes(JSON.stringify(first.e)) - 1;
  let count = 0;
  for (const item of items) {
    size += bytes(JSON.stringify(item.e)) + 1;
    if (count >= Math.min(max, MAX_EVENTS_PER_BATCH) || item.s !== first.s || item.u !== first.u) break;
    if (count && size > MAX_BODY_BYTES) break;
    count++;
  }
  return items.slice(0, count);
}
