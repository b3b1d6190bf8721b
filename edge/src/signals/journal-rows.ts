/**
 * A shard's journal as one row per batch (shard-schema.ts): what a row holds, and a page of rows
 * read back as the per-click `ShardChanges` the replicas have always received.
 */
import type { JournalClick } from './types.ts';

/** One stored journal row: `seq` is its last click's number, `items` / `keys` JSON text. */
export interface JournalRow {
  seq: number;
  session: string;
  time: number;
  items: string;
  keys: string;
}

/** The JSON columns of a batch's row: its clicks' items in order, and each item's key after it. */
export function encodeRow(
  items: readonly string[],
  trending: ReadonlyMap<string, { key: number }>,
): { items: string; keys: string } {
  return {
    items: JSON.stringify(items),
    keys: JSON.stringify([...trending].map(([id, { key }]) => [id, key])),
  };
}

/** What a page of rows past `since` says: its clicks, the keys they moved, where it ends. */
export interface JournalPage {
  clicks: JournalClick[];
  /** Per item, the key the page's latest row that moved it left it at. */
  moved: Map<string, number>;
  /** The last row read's seq (`since` when none). */
  cursor: number;
  /** Rows were left unread: the page reached `limit` clicks. */
  more: boolean;
  /** Clicks between `since` and the first row read are gone (trimmed): the reader missed keys. */
  gap: boolean;
}

/**
 * Read rows (in seq order, all after `since`) until `limit` clicks: a page ends at a row's end, so
 * it holds at most `limit` clicks plus the rest of the batch that reached it.
 */
export function readPage(rows: Iterable<JournalRow>, since: number, limit: number): JournalPage {
  const clicks: JournalClick[] = [];
  const moved = new Map<string, number>();
  let cursor = since;
  let more = false;
  let gap = false;
  for (const row of rows) {
    if (clicks.length >= limit) {
      more = true;
      break;
    }
    const items = JSON.parse(row.items) as string[];
    const first = row.seq - items.length + 1;
    if (cursor === since && first > since + 1) gap = true;
    items.forEach((item, i) => {
      clicks.push({ seq: first + i, session: row.session, item, time: row.time });
    });
    for (const [id, key] of JSON.parse(row.keys) as [string, number][]) moved.set(id, key);
    cursor = row.seq;
  }
  return { clicks, moved, cursor, more, gap };
}
