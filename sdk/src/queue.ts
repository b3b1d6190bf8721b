/**
 * The delivery queue: batches of N events or every T ms, one request in flight (so batches arrive
 * in order), retries with backoff, beacons when the page hides. Events leave the queue only when
 * the edge answered 2xx, refused them for good, or the browser accepted them as a beacon; or when
 * retries are exhausted or the event was set aside as poison (`poison.ts`), counted in `stats`.
 */
import { backoff } from './backoff.ts';
import { encode, type Item, nextBatch } from './batch.ts';
import { pick, settle } from './poison.ts';
import { beacon, post } from './transport.ts';
import type { ConsentState, RecStats } from './types.ts';

/** Most events kept (in memory and in IndexedDB); beyond it the oldest are dropped and counted. */
export const MAX_QUEUE = 500;

/** What the queue needs from the client (size trick: `_` members get one-letter names, sdk/bundles.ts). */
export interface QueueOptions {
  _url: string;
  batchSize: number;
  flushMs: number;
  consent: () => ConsentState;
  /** Mirror of the queue in storage (no-ops without storage consent). */
  _save: (items: Item[]) => void;
  _forget: (items: Item[]) => void;
  /** Sessions the edge may know: every session a request was made for is added here. */
  sent: Set<string>;
  stats: RecStats;
}

/** The queue of one page. */
export interface Queue {
  _items: Item[];
  /** Append events (or prepend events `restored` from storage, not saved again) and schedule a send. */
  add(items: Item[], restored?: boolean): void;
  /** Send everything now, batch after batch, until empty or a failure. */
  flush(): Promise<void>;
  /** Hand everything queued to sendBeacon (page hidden or unloading). */
  hide(): void;
  /** Drop everything (consent revoked) and return what was dropped. */
  clear(): Item[];
}

/** Create the queue; nothing is sent until events are added. */
export function createQueue(o: QueueOptions): Queue {
  const { stats, batchSize } = o;
  let items: Item[] = [];
  let current: Promise<boolean> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting = false;
  let failures = 0;

  // Take events out of the queue (and storage); returns how many were still queued.
  const remove = (gone: Item[] = []) => {
    const before = items.length;
    items = items.filter((i) => !gone.includes(i));
    if (gone.length) o._forget(gone);
    return before - items.length;
  };

  const attempt = async (): Promise<boolean> => {
    const head = items[0]!;
    const batch = pick(items, batchSize, o.consent());
    // Offline: wait for the `online` event instead of burning attempts.
    if (!batch.length || navigator.onLine === false) return false;
    o.sent.add(batch[0].s);
    const out = await post(o._url, encode(batch, o.consent()));
    const done = settle(head, batch, out, (i) => items.includes(i));
    for (const k of ['sent', 'rejected', 'dropped', 'setAside'] as const) stats[k] += remove(done[k]);
    o._save(done.save);
    if (done.on) {
      failures = 0;
      return true;
    }
    failures++;
    clearTimeout(timer);
    waiting = true;
    timer = setTimeout(drain, (out as { wait?: number }).wait ?? backoff(failures));
    return false;
  };

  const sendOnce = (): Promise<boolean> => {
    if (!current) {
      current = attempt().catch(() => false);
      current.then(() => {
        current = undefined;
      });
    }
    return current;
  };

  // Send a batch, keep going while full batches (or, when flushing, any events) are waiting.
  async function drain(all?: unknown): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    waiting = false;
    do if (!(await sendOnce())) return;
    while (items.length >= (all === true ? 1 : batchSize));
    schedule();
  }

  function schedule(): void {
    if (waiting || current || !items.length) return;
    if (items.length >= batchSize) void drain();
    else timer ||= setTimeout(drain, o.flushMs);
  }

  function hide(): void {
    if (navigator.onLine === false) return; // keep them stored for the next page instead
    // In-flight events too: a keepalive fetch cut by the unload never reports back, and a copy left
    // in storage could come back after the edge has forgotten the id. The edge dedupes by id.
    while (items.length) {
      const batch = nextBatch(items, 100, o.consent());
      o.sent.add(batch[0].s);
      if (!beacon(o._url, encode(batch, o.consent()))) return;
      stats.sent += remove(batch);
    }
  }

  addEventListener('online', () => {
    failures = 0;
    void drain();
  });

  return {
    get _items() {
      return items;
    },
    add(list, restored) {
      items = restored ? [...list, ...items] : [...items, ...list];
      const over = items.length - MAX_QUEUE;
      if (over > 0) stats.dropped += remove(items.slice(0, over));
      if (!restored) o._save(list.filter((i) => items.includes(i)));
      if (document.visibilityState === 'hidden') hide();
      schedule();
    },
    flush: () => drain(true),
    hide,
    clear() {
      const gone = items;
      items = [];
      return gone;
    },
  };
}
