/**
 * The event-batch contract of `POST /v1/events`: limits, schema and the validated types.
 * Imported by the Worker, the offline pipeline and tests; never by the SDK's bundles (valibot).
 */
import * as v from 'valibot';
import { type EventType, normalizeEventType } from '../event-types.ts';
import { jsonShapeProblem, PROPS_SHAPE } from '../json-shape.ts';
import {
  ID_PATTERN as ID_RE,
  ITEM_ID_PATTERN as ITEM_ID_RE,
  isItemId,
  MAX_EVENTS_PER_BATCH,
  MAX_ITEM_ID_LENGTH,
  MAX_PROPS_BYTES,
  MAX_EVENT_TS as MAX_TS,
  MAX_USER_ID_LENGTH,
  MIN_EVENT_TS as MIN_TS,
} from '../limits.ts';
import { orderPropsProblem } from '../order-lines.ts';

export { MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH, MAX_PROPS_BYTES } from '../limits.ts';

export const SessionIdSchema = v.pipe(
  v.string('sessionId must be a string'),
  v.minLength(8, 'sessionId must be 8-64 characters'),
  v.maxLength(64, 'sessionId must be 8-64 characters'),
  v.regex(ID_RE, 'sessionId may contain only A-Z a-z 0-9 _ -'),
);

/** A shop's own id of a signed-in person (`rec.identify`): any 1-128 characters. */
export const UserIdSchema = v.pipe(
  v.string('userId must be a string'),
  v.minLength(1, 'userId must not be empty'),
  v.maxLength(MAX_USER_ID_LENGTH, `userId must be at most ${MAX_USER_ID_LENGTH} characters`),
);

export const ItemIdSchema = v.pipe(
  v.string('itemId must be a string'),
  v.minLength(1, 'itemId must not be empty'),
  v.maxLength(MAX_ITEM_ID_LENGTH, `itemId must be at most ${MAX_ITEM_ID_LENGTH} characters`),
  v.regex(ITEM_ID_RE, 'itemId must be printable ASCII without spaces'),
);

export const ConsentSchema = v.strictObject({
  analytics: v.boolean('consent.analytics must be a boolean'),
  personalization: v.boolean('consent.personalization must be a boolean'),
});

const EventTypeSchema = v.pipe(
  v.string('type must be a string'),
  v.transform((name) => normalizeEventType(name) ?? name),
  v.check((t): t is EventType => normalizeEventType(t) === t, 'type is not a known event name'),
  v.transform((t) => t as EventType),
);

const PropsSchema = v.pipe(
  // valibot's record takes an array and outputs `{}` (stored, it read back as something else).
  v.custom<Record<string, unknown>>(
    (p) => typeof p === 'object' && p !== null && !Array.isArray(p),
    'props must be an object',
  ),
  v.record(v.string(), v.unknown(), 'props must be an object'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = jsonShapeProblem(dataset.value, PROPS_SHAPE, 'props');
    if (problem) addIssue({ message: problem.message });
  }),
  v.check(
    (p) => JSON.stringify(p).length <= MAX_PROPS_BYTES,
    `props must serialise to at most ${MAX_PROPS_BYTES} bytes`,
  ),
);

export const EventSchema = v.strictObject({
  id: v.pipe(
    v.string('id must be a string'),
    v.minLength(8, 'id must be 8-64 characters'),
    v.maxLength(64, 'id must be 8-64 characters'),
    v.regex(ID_RE, 'id may contain only A-Z a-z 0-9 _ -'),
  ),
  type: EventTypeSchema,
  ts: v.pipe(
    v.number('ts must be a number (ms since the epoch)'),
    v.integer('ts must be an integer (ms since the epoch)'),
    v.minValue(MIN_TS, 'ts must be ms since the epoch, after 2020'),
    v.maxValue(MAX_TS, 'ts must be ms since the epoch, before 2100'),
  ),
  itemId: v.optional(ItemIdSchema),
  props: v.optional(PropsSchema),
});

export const EventBatchSchema = v.strictObject({
  sessionId: SessionIdSchema,
  userId: v.optional(UserIdSchema),
  consent: ConsentSchema,
  events: v.pipe(
    v.array(EventSchema, 'events must be an array'),
    v.minLength(1, 'events must hold at least one event'),
    v.maxLength(MAX_EVENTS_PER_BATCH, `events must hold at most ${MAX_EVENTS_PER_BATCH} events`),
  ),
});

/** A batch as the client sends it (before normalisation). */
export type EventBatchInput = v.InferInput<typeof EventBatchSchema>;
/** A validated batch; event types are internal names. */
export type EventBatch = v.InferOutput<typeof EventBatchSchema>;
/** A validated event. */
export type TrackedEvent = v.InferOutput<typeof EventSchema>;
export type Consent = v.InferOutput<typeof ConsentSchema>;

/** A validation failure in the API's error shape. */
export interface ValidationError {
  code: 'invalid_body';
  message: string;
  path: string;
}

/** Validate a parsed JSON body; returns the batch or the first issue, with a dotted path. */
export function parseEventBatch(
  body: unknown,
): { ok: true; batch: EventBatch } | { ok: false; error: ValidationError } {
  const result = v.safeParse(EventBatchSchema, body, { abortPipeEarly: true });
  if (result.success) {
    // An order's lines are what the report's revenue is made of: malformed ones refuse the batch.
    const bad = result.output.events.findIndex((e) => e.type === 'purchase' && orderPropsProblem(e.props));
    if (bad < 0) return { ok: true, batch: result.output };
    const problem = orderPropsProblem(result.output.events[bad]!.props)!;
    const path = `events.${bad}.props${problem.path ? `.${problem.path}` : ''}`;
    return { ok: false, error: { code: 'invalid_body', message: problem.message, path } };
  }
  const issue = result.issues[0];
  return {
    ok: false,
    error: { code: 'invalid_body', message: issue.message, path: v.getDotPath(issue) ?? '' },
  };
}

/** Every item an event is about: `itemId` plus Segment `products[].product_id` / GA4 `items[].item_id`. */
export function itemsOf(event: Pick<TrackedEvent, 'itemId' | 'props'>): string[] {
  const ids = event.itemId ? [event.itemId] : [];
  const lists = [event.props?.products, event.props?.items];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const id =
        (entry as Record<string, unknown> | null)?.product_id ??
        (entry as Record<string, unknown> | null)?.item_id;
      if (isItemId(id) && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/**
 * One line of the event log (R2 NDJSON, `events/dt=YYYY-MM-DD/hr=HH/<id>.ndjson`): an accepted
 * event with its session, written only with analytics consent. `userId` only with personalization
 * consent. The model's loader reads exactly this shape.
 */
export interface LoggedEvent extends TrackedEvent {
  /** The site key the batch was sent under (lines written before sites were isolated have none). */
  site?: string;
  sessionId: string;
  userId?: string;
  /** Server time the batch was accepted, ms since the epoch. */
  receivedAt: number;
  /** A/B arms of the session (experiment → variant) when the site runs experiments. */
  variants?: Record<string, string>;
}
