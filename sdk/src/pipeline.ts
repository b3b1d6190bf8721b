/**
 * The path of an event after `track`: consent gate → session → queue, with IndexedDB as a mirror
 * of the queue while storage is allowed. Consent changes flow through here too (purge, forget).
 */
import type { Item } from './batch.ts';
import { applyConsent, canSend, defaultConsent, isRevocation, privacySignal } from './consent.ts';
import { createEmitter } from './emitter.ts';
import { createQueue, MAX_QUEUE } from './queue.ts';
import { noop } from './safe.ts';
import { newSession, restore, type Session, touch } from './session.ts';
import * as store from './store.ts';
import { post } from './transport.ts';
import type { ConsentInput, ConsentMode, QueuedEvent, RecEvents, RecStats } from './types.ts';

/** The storage key of the session; event rows are keyed by their 32-hex-digit id. */
const SESSION_KEY = 'session';

/** Settings the pipeline needs (a subset of the script options). */
export interface PipelineOptions {
  endpoint: string;
  key: string;
  batchSize: number;
  flushMs: number;
  consent: ConsentMode;
}

/** Create the pipeline of one page. */
export function createPipeline(o: PipelineOptions) {
  const q = `?key=${encodeURIComponent(o.key)}`;
  const stats: RecStats = { queued: 0, sent: 0, dropped: 0, rejected: 0, setAside: 0 };
  const bus = createEmitter<RecEvents>();
  let { state: consent, decided } = defaultConsent(o.consent, privacySignal(navigator));
  let session = newSession(Date.now());
  // Events tracked but not yet queued: held while consent is undecided or storage is loading.
  let inbox: { e: QueuedEvent; u: string | null | undefined }[] = [];
  let loaded: 0 | 1 | 2 = 0; // storage: not read, reading, read
  let loading: Promise<void> | undefined;
  let seq = 0;
  let held: Promise<void> | undefined; // the page's CMP adapters are loading: hold everything
  const sent = new Set<string>(); // sessions the edge may have stored: forget them on revocation

  const saving = () => consent.storage;
  const queue = createQueue({
    _url: `${o.endpoint}/v1/events${q}`,
    batchSize: o.batchSize,
    flushMs: o.flushMs,
    consent: () => consent,
    _save: (items) => saving() && void store.put(items.map((i) => [i.e.id, i])),
    _forget: (items) => saving() && void store.drop(items.map((i) => i.e.id)),
    sent,
    stats,
  });

  const setSession = (next: Session) => {
    session = next;
    bus.emit('session', next.s);
  };

  function load(): void {
    loaded = 1;
    loading = store.load().then((pairs) => {
      if (loaded !== 1) return; // purged while reading
      loaded = 2;
      const known = new Set(queue._items.map((i) => i.e.id));
      const older: Item[] = [];
      for (const [key, value] of pairs) {
        if (key === SESSION_KEY) {
          const stored = restore(value, Date.now());
          // Continue the stored session unless this page already queued events in its own.
          if (stored && !seq) setSession(stored);
          if (stored) sent.add(stored.s); // earlier pages may have sent events in it
        } else if ((value as Item)?.e && !known.has(key as string)) older.push(value as Item);
      }
      older.sort((a, b) => a.e.ts - b.e.ts || a.n - b.n);
      // Mirror the session and what was queued before storage was allowed.
      void store.put([[SESSION_KEY, session], ...queue._items.map((i): [string, Item] => [i.e.id, i])]);
      queue.add(older, true);
      pump();
    });
  }

  // Move the inbox into the queue once consent and stored state allow; `force` skips waiting for
  // storage (the page is going away: better a fresh session than events left behind).
  function pump(force?: boolean): void {
    if (!decided || held) {
      const over = inbox.length - MAX_QUEUE;
      if (over > 0) stats.dropped += inbox.splice(0, over).length;
    } else if (!canSend(consent)) inbox = [];
    else if (consent.storage && loaded < 2 && !force) loaded || load();
    else if (inbox.length) {
      const items = inbox.splice(0).map(({ e, u }): Item => {
        if (touch(session, e.ts, u)) setSession(session);
        return { e, s: session.s, u: session.u, n: seq++ };
      });
      if (saving()) void store.put([[SESSION_KEY, session]]);
      queue.add(items);
      for (const i of items) bus.emit('track', { ...i.e, sessionId: i.s, userId: i.u });
    }
  }

  function purge(): void {
    loaded = 0;
    store.purge();
  }

  function setConsent(input: ConsentInput): void {
    const prev = consent;
    const first = !decided;
    consent = applyConsent(prev, input);
    decided = true;
    if (isRevocation(prev, consent)) {
      // Forget every session the edge may have stored, drop what is unsent, then start afresh.
      queue.clear();
      inbox = [];
      for (const id of sent) void post(`${o.endpoint}/v1/sessions/${id}/forget${q}`, '');
      sent.clear();
      setSession(newSession(Date.now()));
      purge();
    } else if (!consent.storage) purge();
    if (first || JSON.stringify(prev) !== JSON.stringify(consent)) bus.emit('consent', { ...consent });
    pump();
  }

  // Size trick: `_` members are internal to the core and get one-letter names (sdk/bundles.ts).
  return {
    _bus: bus,
    _queue: queue,
    stats,
    consent: () => ({ ...consent }),
    session: () => session,
    /** Events waiting: queued for delivery or held for consent / stored state. */
    _queued: () => queue._items.length + inbox.length,
    _setConsent: setConsent,
    _pump: pump,
    /**
     * Settles once the CMP adapters have run (when they load) and stored state (session, unsent
     * events) has been read, if it is being read.
     */
    _settled: () =>
      Promise.resolve(held)
        .then(() => loading)
        .then(noop),
    /** Send and store nothing until `until` settles (the CMP adapters are loading), then carry on. */
    _hold(until: Promise<unknown>): void {
      held = until.then(() => {
        held = undefined;
        pump();
      });
    },
    /** The page is hidden or going away: queue everything and hand it to sendBeacon. */
    hide(): void {
      pump(true);
      queue.hide();
    },
    /** Queue an event made by `makeEvent`, tagged with the identify() state at the time of the call. */
    push(e: QueuedEvent, u: string | null | undefined): void {
      if (decided && !canSend(consent)) return;
      inbox.push({ e, u });
      pump();
    },
  };
}

/** The pipeline object the client wraps. */
export type Pipeline = ReturnType<typeof createPipeline>;
