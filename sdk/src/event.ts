/**
 * Turn `rec.track(type, props)` arguments into a queued event, or a message naming what is wrong.
 * Checked here with the edge's rules so one bad call can never get a whole batch refused.
 */
import { normalizeEventType } from '../../contracts/event-types.ts';
import { jsonShapeFault, PROPS_SHAPE } from '../../contracts/json-shape.ts';
import { isItemId, MAX_PROPS_BYTES, MIN_EVENT_TS } from '../../contracts/limits.ts';
import { orderProblemPath } from '../../contracts/order-lines.ts';
import { newId } from './ids.ts';
import type { Props, QueuedEvent } from './types.ts';

const notObject = (v: unknown) => v == null || typeof v !== 'object' || Array.isArray(v);

/** Build the event for a `track` call made at `ts`; a string is the reason it was refused. */
export function makeEvent(type: unknown, props: unknown, ts: number): QueuedEvent | string {
  const name = typeof type === 'string' ? normalizeEventType(type) : undefined;
  if (!name) return `track: unknown event type ${JSON.stringify(type)}`;
  const no = (why: string) => `track(${type}): ${why}`;
  if (props != null && notObject(props)) return no('props must be a plain object');
  let json: string;
  try {
    json = JSON.stringify(props || {});
  } catch {
    return no('props must be JSON-serialisable');
  }
  if (json.length > MAX_PROPS_BYTES) return no(`props exceed ${MAX_PROPS_BYTES} bytes`);
  // The edge's shape limits (depth, keys, strings, finite numbers, no prototype keys): a call it
  // would refuse never reaches the queue, where it would take its whole batch down with it.
  // The copy is what is stored: later mutations of the caller's object must not change what is sent.
  // Size trick: the path and the rule's word, not the edge's longer message.
  const copy = JSON.parse(json) as Props;
  // A `toJSON` may turn the object into anything (the SDK fuzz's `{ toJSON: () => 1 }`).
  if (notObject(copy)) return no('props must be a plain object');
  const fault = jsonShapeFault(copy, PROPS_SHAPE, 'props');
  if (fault) return no(fault.join(': '));
  // An order's lines are the report's revenue: the edge refuses a malformed one with its batch.
  const order = name === 'purchase' ? orderProblemPath(copy) : undefined;
  if (order !== undefined) return no(`props.${order}: not a valid order (contracts/order-lines.ts)`);
  if (!(ts >= MIN_EVENT_TS)) return 'track: the device clock is wrong';
  const event: QueuedEvent = { id: newId(), type: name, ts };
  if (json !== '{}') event.props = copy;
  const item = copy.product_id ?? copy.item_id;
  const itemId = typeof item === 'number' ? String(item) : item;
  if (isItemId(itemId)) event.itemId = itemId;
  return event;
}
