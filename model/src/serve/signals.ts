/**
 * Online re-rank signals, updated per event at the edge and offline alike (pure; no I/O):
 * - `seq`: sequential-rule counts prev → next, weight 1/distance for the last `srSteps` items
 *   (self-transitions included: a quarter of next clicks repeat the previous item);
 * - `co`: in-session co-occurrence counts over every earlier click of the session (repeats included);
 *   both keep each row's strongest entries, within `maxRow` and a budget of `maxPairs` (row-bounds.ts);
 * - `pop` / `trend`: all-time click counts and counts decaying with `trendHalfLifeHours`;
 * - `sessions`: recent sessions' items, and per item the `neighbourSample` most recent sessions that
 *   clicked it — the neighbour pool of session-kNN. Bounded by `maxSessions` (least recent dropped).
 * A session past `maxSessionItems` distinct items is no shopper (data/session-breadth.ts): its later
 * clicks are not folded and it leaves the neighbour pool.
 */
import { MAX_SESSION_ITEMS } from '../data/session-breadth.ts';
import type { SessionEvent } from '../data/session-event.ts';
import { keepStrongest, RowSweep, rowCap } from './row-bounds.ts';

/** Tunable sizes and decays of the online signals. */
export interface SignalConfig {
  srSteps: number;
  /** Most earlier clicks of a session paired with a new click in `co`. */
  coWindow: number;
  trendHalfLifeHours: number;
  neighbourSample: number;
  maxSessions: number;
  /** Distinct items past which a session's clicks stop counting (see `isMuted`). */
  maxSessionItems: number;
  /** Most entries a `seq` or `co` row keeps. */
  maxRow: number;
  /** Entries of all `seq` (or all `co`) rows together, about: rows are capped at maxPairs / rows. */
  maxPairs: number;
}

/**
 * Defaults measured on YooChoose (session-rec's SR steps=10, V-SKNN sample 500). The row bounds
 * 100 / 100,000 leave served HR@20 / MRR@20 on valid at 0.7053 / 0.3788 (unbounded 0.7051 / 0.3789)
 * and halve a 10k-item replica's heap after 300k wandering clicks (docs/SCALE.md, replica memory).
 * 20 crawling sessions of 2,000 items took valid HR@20 from 0.705 to 0.639 before `maxSessionItems`
 * (0.697 at 200 items each, 0.704 at 50).
 */
export const DEFAULT_SIGNAL_CONFIG: SignalConfig = {
  srSteps: 10,
  coWindow: 50,
  trendHalfLifeHours: 6,
  neighbourSample: 500,
  maxSessions: 50_000,
  maxSessionItems: MAX_SESSION_ITEMS,
  maxRow: 100,
  maxPairs: 100_000,
};

/** One remembered session: its recent clicks in order, all its distinct items, last click time. */
export interface SessionRecord {
  key: string;
  seq: number[];
  items: Set<number>;
  last: number;
}

/** Sparse weighted rows: item → (item → weight). */
export type SparseRows = Map<number, Map<number, number>>;

/** Add `w` to rows[a][b]; a row that reaches twice `cap` keeps its `cap` strongest entries. */
function bump(rows: SparseRows, a: number, b: number, w: number, cap: number): void {
  let row = rows.get(a);
  if (!row) {
    row = new Map();
    rows.set(a, row);
  }
  // float32 precision, so that serialising (as float32) loses nothing.
  row.set(b, Math.fround((row.get(b) ?? 0) + w));
  if (row.size >= 2 * cap) keepStrongest(row, cap);
}

/** The signal state; `update(event)` folds in one click. */
export class OnlineSignals {
  readonly ids: string[] = [];
  readonly index = new Map<string, number>();
  readonly pop: number[] = [];
  readonly trend: number[] = [];
  readonly trendTime: number[] = [];
  readonly seq: SparseRows = new Map();
  readonly co: SparseRows = new Map();
  /** Session handle → record, least recently active first (Map order). */
  readonly sessions = new Map<number, SessionRecord>();
  readonly sessionHandle = new Map<string, number>();
  /** Item → handles of the most recent sessions that clicked it (oldest first). */
  readonly itemSessions = new Map<number, number[]>();
  nextHandle = 0;
  /** Time of the latest event folded in (Unix seconds). */
  now = 0;
  readonly #sweeps = { seq: new RowSweep(this.seq), co: new RowSweep(this.co) };

  constructor(readonly config: SignalConfig = DEFAULT_SIGNAL_CONFIG) {}

  /** Index of an item id, registering unseen items (new products appear online). */
  itemIndex(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
      this.pop.push(0);
      this.trend.push(0);
      this.trendTime.push(0);
    }
    return i;
  }

  /** The decayed click count of item `i` at time `t`. */
  trendAt(i: number, t: number): number {
    const dt = Math.max(0, t - this.trendTime[i]);
    return this.trend[i] * 2 ** (-dt / (this.config.trendHalfLifeHours * 3600));
  }

  /** Fold one click into every signal. */
  update(event: SessionEvent): void {
    const { srSteps, coWindow, neighbourSample } = this.config;
    this.now = Math.max(this.now, event.time);
    const session = this.touchSession(event.sessionId, event.time);
    if (this.isMuted(session)) return;
    const item = this.itemIndex(event.itemId);
    this.pop[item]++;
    this.trend[item] = this.trendAt(item, event.time) + 1;
    this.trendTime[item] = Math.max(this.trendTime[item], event.time);

    const { seq } = session;
    const seqCap = this.#cap(this.seq);
    const coCap = this.#cap(this.co);
    for (let d = 1; d <= Math.min(srSteps, seq.length); d++)
      bump(this.seq, seq[seq.length - d], item, 1 / d, seqCap);
    for (let k = Math.max(0, seq.length - coWindow); k < seq.length; k++) {
      bump(this.co, seq[k], item, 1, coCap);
      bump(this.co, item, seq[k], 1, coCap);
    }
    this.#sweeps.seq.step(seqCap);
    this.#sweeps.co.step(coCap);
    seq.push(item);
    if (seq.length > Math.max(srSteps, coWindow)) seq.shift();
    session.items.add(item);

    const handle = this.sessionHandle.get(event.sessionId)!;
    let list = this.itemSessions.get(item);
    if (!list) {
      list = [];
      this.itemSessions.set(item, list);
    }
    const at = list.lastIndexOf(handle);
    if (at >= 0) list.splice(at, 1);
    list.push(handle);
    if (list.length > neighbourSample) list.shift();
  }

  /** Whether a session has clicked too many distinct items to count (no neighbour, no signal). */
  isMuted(session: SessionRecord): boolean {
    return session.items.size > this.config.maxSessionItems;
  }

  #cap(rows: SparseRows): number {
    return rowCap(rows.size, this.config.maxRow, this.config.maxPairs);
  }

  /** The record of a session, created if new, moved to most recent; evicts the least recent. */
  private touchSession(key: string, time: number): SessionRecord {
    let handle = this.sessionHandle.get(key);
    let record = handle === undefined ? undefined : this.sessions.get(handle);
    if (handle === undefined || !record) {
      handle = this.nextHandle++;
      record = { key, seq: [], items: new Set(), last: time };
      this.sessionHandle.set(key, handle);
    } else this.sessions.delete(handle);
    record.last = Math.max(record.last, time);
    this.sessions.set(handle, record);
    if (this.sessions.size > this.config.maxSessions) {
      const [oldest, old] = this.sessions.entries().next().value as [number, SessionRecord];
      this.sessions.delete(oldest);
      this.sessionHandle.delete(old.key);
    }
    return record;
  }
}
