/**
 * Limits and id rules of the event contract, dependency-free so the browser SDK can import them
 * without pulling valibot into its few KB. `schema/events.ts` builds its schema from these.
 */

/** Largest accepted request body; equals the browser's keepalive/sendBeacon cap. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Most events accepted in one batch. */
export const MAX_EVENTS_PER_BATCH = 100;
/** Largest serialised `props` of one event. */
export const MAX_PROPS_BYTES = 4 * 1024;

/** Event and session ids: 8-64 of these characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Item ids: printable, no whitespace or control characters (they end up in URLs and SQL params). */
export const ITEM_ID_PATTERN = /^[\x21-\x7e]+$/;
/** Longest item id. */
export const MAX_ITEM_ID_LENGTH = 128;
/** Longest user id (`rec.identify`). */
export const MAX_USER_ID_LENGTH = 128;

/** Whether `s` is a valid item id: what the event schema, the SDK and the recommend request accept. */
export const isItemId = (s: unknown): s is string =>
  typeof s === 'string' && s.length <= MAX_ITEM_ID_LENGTH && ITEM_ID_PATTERN.test(s);
// Client clocks: anything after 2020-01-01 and before 2100 is plausible; ms since the epoch.
/** Earliest plausible event time (2020-01-01), ms since the epoch. */
export const MIN_EVENT_TS = 1_577_836_800_000;
/** Latest plausible event time (2100-01-01), ms since the epoch. */
export const MAX_EVENT_TS = 4_102_444_800_000;

/** The longest range of the event log one export or retrain covers (31 days of hourly partitions). */
export const MAX_LOG_RANGE_MS = 31 * 24 * 3_600_000;
