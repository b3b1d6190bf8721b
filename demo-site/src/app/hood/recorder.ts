/**
 * What "under the hood" shows, recorded as it happens in this tab: the events the SDK queued,
 * the items it touched, and every recommendation answer a widget rendered (source, latency,
 * Server-Timing), plus impressions and clicks per experiment variant. Memory only.
 */
import type { Recommendations } from '../../../../sdk/src/recommend/types.ts';
import { type SentEvent, whenReady } from '../rec.ts';

export interface EventEntry {
  ts: number;
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

/** Record an event the SDK queued for the edge (after its consent gate). */
export function recordEvent(e: SentEvent): void {
  const props = e.props ?? {};
  push(events, { ts: e.ts, type: e.type, props: { ...props, product_id: e.itemId ?? props.product_id } });
  const category = typeof props.category === 'string' ? props.category : undefined;
  if (['view', 'cart_add', 'purchase', 'list_view', 'rec_click'].includes(e.type) && (e.itemId || category)) {
    push(recent, { ts: e.ts, id: e.itemId, category, type: e.type });
  }
  if (e.type === 'impression' || e.type === 'rec_click') {
    const variant = typeof props.variant === 'string' ? props.variant : 'none';
    const counts = perVariant.get(variant) ?? { impressions: 0, clicks: 0 };
    if (e.type === 'impression') counts.impressions++;
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

/** Record what the SDK sends and what every `<rec-widget>` on the page renders. */
export function startRecording(): void {
  document.addEventListener(
    'rec-render',
    (e) => recordAnswer((e as CustomEvent<Recommendations>).detail),
    true,
  );
  whenReady((r) => {
    r.on?.('track', recordEvent);
    r.on?.('consent', changed);
  });
}
