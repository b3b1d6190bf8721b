/**
 * The attribution rule, once (pure; the report and its tests use it): an order line counts for a
 * placement when the same session clicked that line's item on that placement (a `rec_click` whose
 * `props.recId` names it) before the order's `ts`. An order counts once per placement however many
 * clicks led to it; its attributed revenue there is the sum of the counted lines' price × quantity,
 * in the order's currency. A cart add counts for a placement by the same rule.
 */

/** A rec_click as the rule needs it. */
export interface Click {
  session: string;
  item: string;
  placement: string;
  ts: number;
}

/** A cart add as the rule needs it (one item). */
export interface CartAdd {
  session: string;
  eventId: string;
  item: string;
  ts: number;
}

/** An order line as the rule needs it. */
export interface Line {
  session: string;
  /** The purchase event's id: lines of one order share it. */
  eventId: string;
  item: string;
  revenueMicros: number;
  currency: string;
  ts: number;
}

/** One order's attribution to one placement. */
export interface AttributedOrder {
  placement: string;
  eventId: string;
  session: string;
  ts: number;
  currency: string;
  revenueMicros: number;
}

/** One cart add event's attribution to one placement. */
export interface AttributedCartAdd {
  placement: string;
  eventId: string;
  ts: number;
}

const key = (session: string, item: string) => `${session}\n${item}`;

/** For each (session, item): the earliest click time per placement. */
function firstClicks(clicks: readonly Click[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const c of clicks) {
    const k = key(c.session, c.item);
    const byPlacement = out.get(k) ?? new Map<string, number>();
    const seen = byPlacement.get(c.placement);
    if (seen === undefined || c.ts < seen) byPlacement.set(c.placement, c.ts);
    out.set(k, byPlacement);
  }
  return out;
}

/** Placements whose click on (session, item) came before `ts`. */
function placementsBefore(
  first: Map<string, Map<string, number>>,
  session: string,
  item: string,
  ts: number,
) {
  const out: string[] = [];
  for (const [placement, clickedAt] of first.get(key(session, item)) ?? [])
    if (clickedAt < ts) out.push(placement);
  return out;
}

/** Orders attributed to placements: one entry per (order, placement) with the counted lines' revenue. */
export function attributeOrders(clicks: readonly Click[], lines: readonly Line[]): AttributedOrder[] {
  const first = firstClicks(clicks);
  const orders = new Map<string, AttributedOrder>();
  for (const l of lines) {
    for (const placement of placementsBefore(first, l.session, l.item, l.ts)) {
      const k = `${l.session}\n${l.eventId}\n${placement}`;
      const order = orders.get(k) ?? {
        placement,
        eventId: l.eventId,
        session: l.session,
        ts: l.ts,
        currency: l.currency,
        revenueMicros: 0,
      };
      order.revenueMicros += l.revenueMicros;
      orders.set(k, order);
    }
  }
  return [...orders.values()];
}

/** Cart adds attributed to placements: one entry per (cart add event, placement). */
export function attributeCartAdds(clicks: readonly Click[], carts: readonly CartAdd[]): AttributedCartAdd[] {
  const first = firstClicks(clicks);
  const out = new Map<string, AttributedCartAdd>();
  for (const c of carts) {
    for (const placement of placementsBefore(first, c.session, c.item, c.ts)) {
      out.set(`${c.session}\n${c.eventId}\n${placement}`, { placement, eventId: c.eventId, ts: c.ts });
    }
  }
  return [...out.values()];
}
