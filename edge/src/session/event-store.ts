/**
 * The session's events in SQLite: insert deduplicated by event id, read back in order
 * (ts, then arrival), and strip personal fields when personalization consent is withdrawn.
 */
import type { EventType } from '../contracts/event-types.ts';
import { itemsOf, type TrackedEvent } from '../contracts/events.ts';
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

/** Insert `events`, skipping ids already stored (in this batch or earlier); returns the new ones. */
export function insertEvents(
  sql: Sql,
  events: readonly TrackedEvent[],
  { receivedAt, keepProps }: { receivedAt: number; keepProps: boolean },
): TrackedEvent[] {
  const accepted: TrackedEvent[] = [];
  for (const event of events) {
    const props = keepProps && event.props ? JSON.stringify(event.props) : null;
    const inserted = sql`INSERT INTO events (id, type, ts, item_id, items, props, received_at)
      VALUES (${event.id}, ${event.type}, ${event.ts}, ${event.itemId ?? null},
              ${JSON.stringify(itemsOf(event))}, ${props}, ${receivedAt})
      ON CONFLICT (id) DO NOTHING RETURNING seq`;
    if (inserted.length > 0) accepted.push(event);
  }
  return accepted;
}

interface EventRow extends Record<string, SqlStorageValue> {
  id: string;
  type: string;
  ts: number;
  item_id: string | null;
  items: string;
  props: string | null;
  received_at: number;
}

/** Every stored event in order: by ts, then arrival. */
export function listEvents(sql: Sql): StoredEvent[] {
  return sql<EventRow>`SELECT id, type, ts, item_id, items, props, received_at FROM events ORDER BY ts, seq`.map(
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
  return sql<{
    type: string;
    ts: number;
    items: string;
  }>`SELECT type, ts, items FROM events ORDER BY ts, seq`.map((row) => ({
    type: row.type as EventType,
    ts: row.ts,
    items: JSON.parse(row.items) as string[],
  }));
}

/** Drop every stored `props` (free-form, possibly personal); ids, types, times and items stay. */
export function stripProps(sql: Sql): void {
  sql`UPDATE events SET props = NULL WHERE props IS NOT NULL`;
}
