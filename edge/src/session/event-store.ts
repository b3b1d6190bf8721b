/**
 * The session's events in SQLite: insert deduplicated by event id, read back in order
 * (ts, then arrival), and strip personal fields when personalization consent is withdrawn.
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

/**
 * Insert `events`, skipping ids already stored (earlier, or earlier in this batch); returns the
 * new ones in batch order. One statement over a JSON array: a statement per event costs far more.
 */
export function insertEvents(
  sql: Sql,
  events: readonly TrackedEvent[],
  { receivedAt, keepProps }: { receivedAt: number; keepProps: boolean },
): TrackedEvent[] {
  const rows = JSON.stringify(
    events.map((e) => ({
      id: e.id,
      type: e.type,
      ts: e.ts,
      itemId: e.itemId ?? null,
      items: itemsOf(e),
      props: keepProps && e.props ? e.props : null,
    })),
  );
  // `seq` (arrival order) continues after the session's last one in the batch's order: json_each's
  // `key` is the array index. The maximum is read before any row is inserted (SQLite materialises
  // a SELECT that reads the table it inserts into). Gaps left by duplicates are harmless.
  // `WHERE true` tells SQLite's parser the ON CONFLICT belongs to the INSERT, not the SELECT.
  const inserted = sql<{
    id: string;
  }>`INSERT INTO events (id, seq, type, ts, item_id, items, props, received_at)
    SELECT value ->> 'id', (SELECT coalesce(max(seq), 0) FROM events) + key + 1, value ->> 'type',
           value ->> 'ts', value ->> 'itemId', value -> 'items',
           CASE WHEN value ->> 'props' IS NULL THEN NULL ELSE value -> 'props' END, ${receivedAt}
    FROM json_each(${rows}) WHERE true
    ON CONFLICT (id) DO NOTHING RETURNING id`;
  const ids = new Set(inserted.map((row) => row.id));
  // An id repeated inside the batch was inserted once: accept only its first occurrence.
  return events.filter((e) => ids.delete(e.id));
}

interface EventRow extends Record<string, SqlStorageValue> {
  id: string;
  seq: number;
  type: string;
  ts: number;
  item_id: string | null;
  items: string;
  props: string | null;
  received_at: number;
}

/**
 * Rows in stored order: by ts, then arrival. Sorted here, not by SQL: with no order index SQLite's
 * sorter would count every row read twice (rows read are billed), and a session is small.
 */
function inOrder<Row extends { ts: number; seq: number }>(rows: Row[]): Row[] {
  return rows.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
}

/** Every stored event in order: by ts, then arrival. */
export function listEvents(sql: Sql): StoredEvent[] {
  return inOrder(sql<EventRow>`SELECT id, seq, type, ts, item_id, items, props, received_at FROM events`).map(
    (row) => ({
      id: row.id,
      type: row.type as EventType,
      ts: row.ts,
      ...(row.item_id === null ? {} : { itemId: row.item_id }),
      items: JSON.parse(row.items) as string[],
      ...(row.props === null ? {} : { props: JSON.parse(row.props) as StoredProps }),
      receivedAt: row.received_at,
    }),
  );
}

/** The fields the aggregates read, in order, without parsing props. */
export function listAggregateInputs(sql: Sql): AggregateInput[] {
  return inOrder(
    sql<{
      seq: number;
      type: string;
      ts: number;
      items: string;
    }>`SELECT seq, type, ts, items FROM events`,
  ).map((row) => ({
    type: row.type as EventType,
    ts: row.ts,
    items: JSON.parse(row.items) as string[],
  }));
}

/** How many stored events arrived after `since` (ms since the epoch). */
export function receivedSince(sql: Sql, since: number): number {
  return sql<{ n: number }>`SELECT count(*) AS n FROM events WHERE received_at > ${since}`[0]?.n ?? 0;
}

/** When the last new event arrived (ms since the epoch), or undefined when none is stored. */
export function lastReceivedAt(sql: Sql): number | undefined {
  return sql<{ at: number | null }>`SELECT max(received_at) AS at FROM events`[0]?.at ?? undefined;
}

/** Drop every stored `props` (free-form, possibly personal); ids, types, times and items stay. */
export function stripProps(sql: Sql): void {
  sql`UPDATE events SET props = NULL WHERE props IS NOT NULL`;
}
