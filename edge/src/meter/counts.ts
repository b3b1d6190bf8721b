/**
 * The capacity meter's counters (bench/capacity.ts): how many Durable Object calls, SQL rows, D1
 * queries, Queue messages and R2 operations the requests of a local `wrangler dev` cause. Off unless
 * the Worker runs with `CAPACITY_METER=on` (never set in wrangler.toml). The counters are one
 * per-isolate global: `wrangler dev` runs the Worker, its Durable Objects and its consumers in one
 * isolate, so a bench that sends one request at a time and lets it settle reads what it caused.
 */

/** True when the Worker runs with the meter on (`--var CAPACITY_METER:on`). */
export function meterEnabled(env: unknown): boolean {
  return (env as { CAPACITY_METER?: string }).CAPACITY_METER === 'on';
}

let counts = new Map<string, number>();
// SQL cursors are counted when read: their rowsRead grows while the caller iterates them.
let cursors: { owner: string; cursor: SqlStorageCursor<Record<string, SqlStorageValue>> }[] = [];

/** Add `n` to counter `key` (`<kind>:<binding or class>.<what>`, e.g. `do:SESSIONS.ingest`). */
export function count(key: string, n = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** Remember a SQL cursor of object class `owner`; its rows count at the next snapshot. */
export function countCursor(owner: string, cursor: SqlStorageCursor<Record<string, SqlStorageValue>>): void {
  count(`sql:${owner}.statements`);
  cursors.push({ owner, cursor });
}

/** Every counter since the last reset, SQL cursors' rows included. */
export function snapshot(): Record<string, number> {
  const out = new Map(counts);
  for (const { owner, cursor } of cursors) {
    out.set(`sql:${owner}.rowsRead`, (out.get(`sql:${owner}.rowsRead`) ?? 0) + cursor.rowsRead);
    out.set(`sql:${owner}.rowsWritten`, (out.get(`sql:${owner}.rowsWritten`) ?? 0) + cursor.rowsWritten);
  }
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** Start counting from zero. */
export function reset(): void {
  counts = new Map();
  cursors = [];
}
