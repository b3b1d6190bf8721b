/**
 * The delivery queue: batches of N events or every T ms, one request in flight (so batches arrive
 * in order), retries with backoff, beacons when the page hides. Events leave the queue only when
 * the edge answered 2xx, refused them for good, or the browser accepted them as a beacon.
 */
import { backoff, MAX_ATTEMPTS } from './backoff.ts';
import { encode, type Item, nextBatch } from './batch.ts';
import { beacon, post } from './transport.ts';
import type { ConsentState, RecStats } from './types.ts';

/** Most events kept (in memory and in IndexedDB); beyond it the oldest are dropped and counted. */
export const MAX_QUEUE = 500;

/** What the queue needs from the client. */
export interface QueueOptions {
  url: string;
  batchSize: number;
  flushMs: number;
  consent: () => ConsentState;
  /** Mirror of the queue in storage (no-ops without storage consent). */
  save: (items: Item[]) => void;
  forget: (items: Item[]) => void;
  /** Sessions the edge may know: every session a request was made for is added here. */
  sent: Set<string>;
  stats: RecStats;
}

/** The queue of one page. */
export interface Queue {
  items: Item[];
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
  const remove = (gone: Item[]) => {
    const before = items.length;
    items = items.filter((i) => !gone.includes(i));
    o.forget(gone);
    return before - items.length;
  };

  const attempt = async (): Promise<boolean> => {
    const batch = nextBatch(items, batchSize, o.consent());
    // Offline: wait for the `online` event instead of burning attempts.
    if (!batch.length || navigator.onLine === false) return false;
    o.sent.add(batch[0].s);
    const out = await post(o.url, encode(batch, o.consent()));
    if (out.r !== 'retry') {
      failures = 0;
      stats[out.r === 'ok' ? 'sent' : 'rejected'] += remove(batch);
      return true;
    }
    failures++;
    if (out.counts) {
      const live = batch.filter((i) => items.includes(i)); // not beaconed meanwhile
      for (const i of live) i.a = (i.a || 0) + 1;
      const spent = live.filter((i) => i.a! >= MAX_ATTEMPTS);
      stats.dropped += remove(spent);
      o.save(live.filter((i) => !spent.includes(i)));
    }
    clearTimeout(timer);
    waiting = true;
    timer = setTimeout(drain, out.wait ?? backoff(failures));
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
      if (!beacon(o.url, encode(batch, o.consent()))) return;
      stats.sent += remove(batch);
    }
  }

  addEventListener('online', () => {
    failures = 0;
    void drain();
  });

  return {
    get items() {
      return items;
    },
    add(list, restored) {
      items = restored ? [...list, ...items] : [...items, ...list];
      const over = items.length - MAX_QUEUE;
      if (over > 0) stats.dropped += remove(items.slice(0, over));
      if (!restored) o.save(list.filter((i) => items.includes(i)));
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
