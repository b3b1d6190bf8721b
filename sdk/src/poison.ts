/**
 * Finding a poison event (one the edge answers 5xx to, every time) without blocking what is behind
 * it, as pure functions over the queue. After each 5xx/408/429 answer the head batch is halved; an
 * event answered 5xx SUSPECT_AFTER times, the last time alone, is stepped over once to try the
 * events behind it; if the edge takes those and answers 5xx to the suspect alone once more, it is
 * set aside. When the events behind fail too, the edge is failing, not the event: nothing is set
 * aside and MAX_ATTEMPTS bounds the retries as before. Network errors never count.
 */
import { MAX_ATTEMPTS } from './backoff.ts';
import { type Item, nextBatch } from './batch.ts';
import type { Outcome } from './transport.ts';
import type { ConsentState } from './types.ts';

/** 5xx answers an event gets, the last one while sent alone, before the events behind it are tried. */
export const SUSPECT_AFTER = 3;

/** Where one answer sends events: the stats counter each leaves under, and which changed marks to store. */
export interface Settled {
  sent?: Item[];
  rejected?: Item[];
  dropped?: Item[];
  setAside?: Item[];
  /** Events still queued whose attempt count or suspect mark changed. */
  save: Item[];
  /** The queue moved on: carry on at once (no backoff). */
  on: boolean;
}

/**
 * The events of the next attempt: a prefix of `items` halved once per failed attempt of its first
 * event, or, behind a suspect head, the batch after it.
 */
export function pick(items: Item[], batchSize: number, consent: ConsentState): Item[] {
  const rest = items[0]?.p === 1 && items.length > 1 ? items.slice(1) : items;
  const first = rest[0];
  // `a` is at most MAX_ATTEMPTS (< 32), so the shift never wraps.
  return nextBatch(rest, first?.p ? 1 : Math.max(1, batchSize >> (first?.a || 0)), consent);
}

/**
 * Apply the answer `out` to `batch`, picked while `head` led the queue; `queued` says whether an
 * event is still queued (a beacon may have taken it meanwhile). Updates attempt counts and marks.
 */
export function settle(head: Item, batch: Item[], out: Outcome, queued: (i: Item) => boolean): Settled {
  const probe = batch[0] !== head;
  if (out.r !== 'retry') {
    // The edge takes the events behind the suspect: give the suspect one last try alone.
    if (probe && out.r === 'ok') head.p = 2;
    return { [out.r === 'ok' ? 'sent' : 'rejected']: batch, save: probe ? [head] : [], on: true };
  }
  if (!out.status) return { save: [], on: false };
  const live = batch.filter(queued);
  for (const i of live) i.a = (i.a || 0) + 1;
  if (probe) {
    // The events behind it fail too: the edge is failing, not the head.
    head.p = undefined;
    live.push(head);
  } else if (out.status >= 500 && batch.length === 1) {
    if (head.p === 2) return { setAside: live, save: [], on: true };
    if (head.a! >= SUSPECT_AFTER) head.p = 1;
  }
  const dropped = live.filter((i) => i.a! >= MAX_ATTEMPTS);
  return { dropped, save: live.filter((i) => !dropped.includes(i) && queued(i)), on: false };
}
