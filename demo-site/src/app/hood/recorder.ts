/**
 * What "under the hood" shows, recorded as it happens in this tab: the events this session sent,
 * the items it touched, and every recommendation answer a widget rendered (source, latency,
 * Server-Timing), plus impressions and clicks per experiment variant. Memory only.
 */
import { normalizeEventType } from '../../../../edge/src/contracts/event-types.ts';
import type { Recommendations } from '../../../../sdk/src/recommend/types.ts';

export interface EventEntry {
  ts: number;
  name: string;
  type: string;
  props: Record<string, unknown>;
}

export interface AnswerEntry {
  ts: number;
  placement: string;
  source: string;
  recId: string;
  variant: string;
  items: number;
  latencyMs?: number;
  timings: { name: string; dur: number }[];
}

const CAP = 300;
export const events: EventEntry[] = [];
export const answers: AnswerEntry[] = [];
/** Items (and browsed departments) this session touched, most recent last. */
export const recent: { ts: number; id?: string; category?: string; type: string }[] = [];
/** Impressions and clicks per experiment variant, as counted in this tab. */
export const perVariant = new Map<string, { impressions: number; clicks: number }>();

const listeners = new Set<() => void>();
let queued = false;
function changed(): void {
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    for (const fn of listeners) fn();
  });
}

function push<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > CAP) list.splice(0, list.length - CAP);
}

/** Record an event the page sent (shop events and the widget's impressions / clicks). */
export function recordEvent(name: string, props: Record<string, unknown>): void {
  const type = normalizeEventType(name) ?? name;
  const ts = Date.now();
  push(events, { ts, name, type, props });
  const id = typeof props.product_id === 'string' ? props.product_id : undefined;
  const category = typeof props.category === 'string' ? props.category : undefined;
  if (['view', 'cart_add', 'purchase', 'list_view', 'rec_click'].includes(type) && (id || category)) {
    push(recent, { ts, id, category, type });
  }
  if (type === 'impression' || type === 'rec_click') {
    const variant = typeof props.variant === 'string' ? props.variant : 'none';
    const counts = perVariant.get(variant) ?? { impressions: 0, clicks: 0 };
    if (type === 'impression') counts.impressions++;
    else counts.clicks++;
    perVariant.set(variant, counts);
  }
  changed();
}

/** Record an answer a widget rendered. */
export function recordAnswer(recs: Recommendations): void {
  push(answers, {
    ts: Date.now(),
    placement: recs.placement,
    source: recs.source,
    recId: recs.recId,
    variant: recs.variant ?? 'none',
    items: recs.items.length,
    latencyMs: recs.latencyMs,
    timings: recs.timings ?? [],
  });
  changed();
}

/** Call `fn` (at most once per microtask) whenever something was recorded; returns unsubscribe. */
export function onRecord(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Record what every `<rec-widget>` on the page renders, and its impressions and clicks. */
export function listenToWidgets(): void {
  document.addEventListener(
    'rec-render',
    (e) => recordAnswer((e as CustomEvent<Recommendations>).detail),
    true,
  );
  for (const [name, type] of [
    ['rec-impression', 'impression'],
    ['rec-click', 'rec_click'],
  ] as const) {
    document.addEventListener(
      name,
      (e) => {
        const { item, recId, position } = (e as CustomEvent).detail;
        const widget = e.target as HTMLElement & { recommendations?: Recommendations };
        const variant = widget.recommendations?.variant;
        recordEvent(type, { product_id: item?.id, recId, position, variant, category: item?.category });
      },
      true,
    );
  }
}
