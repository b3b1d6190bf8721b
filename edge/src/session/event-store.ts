/**
 * The session's events in SQLite, one row per stored batch: insert deduplicated by event id, read
 * back in order (ts, then arrival), and strip personal fields when personalization consent is
 * withdrawn.
 */
import type { EventType } from '../../../contracts/event-types.ts';
import { itemsOf, type TrackedEvent } from '../../../contracts/schema/events.ts';
import type { AggregateInput } from './aggregates.ts';
import type { Sql } from './sql.ts';

/**
 * Free-form event properties parsed back from storage. Nested values are typed as plain `object`:
 * a recursive JSON type makes the RPC stub types of workers-types recurse without end.
 */
export type StoredProps = Record<string, string | number | boolean | null | object>;

/** An event as the session keeps it: `items` is `itemsOf(event)`, `props` only with personalization. */
export interface StoredEvent {
  id: string;
  type: EventType;
  ts: number;
  itemId?: string;
  items: string[];
  props?: StoredProps;
  /** Server time the event's batch was accepted, ms since the epoch. */
  receivedAt: number;
}

/** One event as a batch row holds it (JSON): `itemId` / `props` are null when absent (migrated rows). */
interface BatchEvent {
  id: string;
  type: string;
  ts: number;
  itemId?: string | null;
  items: string[];
  props?: Record<string, unknown> | null;
}

/**
 * The session's stored event ids and arrival counter, loaded once per object instance (one read of
 * every batch row's ids), so an insert dedupes in memory and writes its new events as one row.
 * Drop the instance when a transaction that inserted through it rolls back (its ids were not stored).
 */
export class EventStore {
  readonly #sql: Sql;
  readonly #ids = new Set<string>();
  /** Arrival order (`seq`) of the next stored event. */
  #nextSeq = 1;
  /** Per stored batch: when it arrived and how many events it kept (the bot rate rule reads them). */
  readonly #arrivals: { at: number; n: number }[] = [];

  constructor(sql: Sql) {
    this.#sql = sql;
    for (const row of sql<{ seq: number; received_at: number; ids: string }>`
      SELECT seq, received_at, ids FROM batches`) {
      const ids = JSON.parse(row.ids) as string[];
      for (const id of ids) this.#ids.add(id);
      this.#nextSeq = Math.max(this.#nextSeq, row.seq + ids.length);
      this.#arrivals.push({ at: row.received_at, n: ids.length });
    }
  }

  /**
   * Insert `events`, skipping ids already stored (earlier, or earlier in this batch); returns the
   * new ones in batch order. They are one row: a row per event wrote 20 at 20 a batch (rows written
   * are billed), and the dedupe needs no per-id index because every id is in memory.
   */
  insert(
    events: readonly TrackedEvent[],
    { receivedAt, keepProps }: { receivedAt: number; keepProps: boolean },
  ): TrackedEvent[] {
    const seen = new Set<string>();
    const fresh = events.filter((e) => !this.#ids.has(e.id) && !seen.has(e.id) && seen.add(e.id));
    if (fresh.length === 0) return fresh;
    const rows: BatchEvent[] = fresh.map((e) => ({
      id: e.id,
      type: e.type,
      ts: e.ts,
      ...(e.itemId === undefined ? {} : { itemId: e.itemId }),
      items: itemsOf(e),
      ...(keepProps && e.props ? { props: e.props } : {}),
    }));
    const ids = fresh.map((e) => e.id);
    this.#sql`INSERT INTO batches (seq, received_at, ids, events)
      VALUES (${this.#nextSeq}, ${receivedAt}, ${JSON.stringify(ids)}, ${JSON.stringify(rows)})`;
    for (const id of ids) this.#ids.add(id);
    this.#nextSeq += fresh.length;
    this.#arrivals.push({ at: receivedAt, n: fresh.length });
    return fresh;
  }

  /** How many stored events arrived after `since` (ms since the epoch). */
  receivedSince(since: number): number {
    let n = 0;
    for (const a of this.#arrivals) if (a.at > since) n += a.n;
    return n;
  }
}

interface BatchRow extends Record<string, SqlStorageValue> {
  seq: number;
  received_at: number;
  events: string;
}

/** Every stored event with its arrival `seq` and batch arrival time, in stored order: by ts, then arrival. */
function storedEvents(sql: Sql): (BatchEvent & { seq: number; receivedAt: number })[] {
  const out: (BatchEvent & { seq: number; receivedAt: number })[] = [];
  for (const row of sql<BatchRow>`SELECT seq, received_at, events FROM batches`)
    (JSON.parse(row.events) as BatchEvent[]).forEach((e, i) => {
      out.push({ ...e, seq: row.seq + i, receivedAt: row.received_at });
    });
  // Sorted here, not by SQL: a session is small, and rows read are billed.
  return out.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
}

/** Every stored event in order: by ts, then arrival. */
export function listEvents(sql: Sql): StoredEvent[] {
  return storedEvents(sql).map((e) => ({
    id: e.id,
    type: e.type as EventType,
    ts: e.ts,
    ...(e.itemId == null ? {} : { itemId: e.itemId }),
    items: e.items,
    ...(e.props == null ? {} : { props: e.props as StoredProps }),
    receivedAt: e.receivedAt,
  }));
}

/** The fields the aggregates read, in order. */
export function listAggregateInputs(sql: Sql): AggregateInput[] {
  return storedEvents(sql).map((e) => ({ type: e.type as EventType, ts: e.ts, items: e.items }));
}

/** When the last new event arrived (ms since the epoch), or undefined when none is stored. */
export function lastReceivedAt(sql: Sql): number | undefined {
  return sql<{ at: number | null }>`SELECT max(received_at) AS at FROM batches`[0]?.at ?? undefined;
}

/** Drop every stored `props` (free-form, possibly personal); ids, types, times and items stay. */
export function stripProps(sql: Sql): void {
  for (const row of sql<{ id: number; events: string }>`SELECT rowid AS id, events FROM batches`) {
    const events = JSON.parse(row.events) as BatchEvent[];
    if (!events.some((e) => e.props != null)) continue;
    const stripped = events.map(({ props: _, ...rest }) => rest);
    sql`UPDATE batches SET events = ${JSON.stringify(stripped)} WHERE rowid = ${row.id}`;
  }
}
