/**
 * Event-log lines → the report's facts (pure). Only four kinds of event feed the report:
 * impressions and rec_clicks carrying a placement's `props.recId`, cart adds, and order lines.
 */

import { orderLines } from '../../../contracts/order-lines.ts';
import { REPORT_BUCKET_MS } from '../../../contracts/report.ts';
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { itemsOf } from '../../../contracts/schema/events.ts';
import { type Experiment, experimentsFor, type SitesConfig } from '../config/sites.ts';
import { assignVariant } from '../experiments/assign.ts';
import { placementOfRecId } from '../serving/rec-id.ts';

/** An impression or rec_click on a placement, with the session's arm of the placement's experiment. */
export interface RecEventFact {
  site: string;
  session: string;
  eventId: string;
  kind: 'impression' | 'click';
  placement: string;
  item: string | null;
  ts: number;
  experiment: string | null;
  variant: string | null;
}

/** One item a cart_add event added. */
export interface CartAddFact {
  site: string;
  session: string;
  eventId: string;
  item: string;
  ts: number;
}

/** One line of a purchase event; revenue in integer millionths of `currency`. */
export interface OrderLineFact {
  site: string;
  session: string;
  eventId: string;
  line: number;
  item: string;
  quantity: number;
  revenueMicros: number;
  currency: string;
  ts: number;
}

/** Everything one delivery of log lines adds to the report. */
export interface ReportFacts {
  recEvents: RecEventFact[];
  cartAdds: CartAddFact[];
  orderLines: OrderLineFact[];
}

/** Start of the UTC hour holding `ts`, ms. */
export const hourOf = (ts: number): number => Math.floor(ts / REPORT_BUCKET_MS) * REPORT_BUCKET_MS;

/** price × quantity in integer millionths: sums of these are exact, floats of cents are not. */
export const lineMicros = (price: number, quantity: number): number => Math.round(price * 1e6) * quantity;

/** The experiment that runs on `placement` (the first configured, as serving picks it). */
function experimentOn(experiments: Record<string, Experiment>, placement: string) {
  return Object.entries(experiments).find(([, e]) => e.placement === placement);
}

/** The report's facts in `lines` (lines without a site, written before sites existed, are skipped). */
export function reportFacts(lines: readonly LoggedEvent[], config: SitesConfig): ReportFacts {
  const facts: ReportFacts = { recEvents: [], cartAdds: [], orderLines: [] };
  const experimentsBySite = new Map<string, Record<string, Experiment>>();
  for (const e of lines) {
    const site = e.site;
    if (site === undefined) continue;
    const base = { site, session: e.sessionId, eventId: e.id, ts: e.ts };
    if (e.type === 'impression' || e.type === 'rec_click') {
      const placement = placementOfRecId(e.props?.recId);
      if (placement === undefined) continue;
      const experiments = experimentsBySite.get(site) ?? experimentsFor(config, site);
      experimentsBySite.set(site, experiments);
      const running = experimentOn(experiments, placement);
      facts.recEvents.push({
        ...base,
        kind: e.type === 'impression' ? 'impression' : 'click',
        placement,
        item: e.itemId ?? null,
        experiment: running ? running[0] : null,
        // The arm the log line recorded (what serving used), else the same pure assignment.
        variant: running
          ? (e.variants?.[running[0]] ?? assignVariant(running[0], e.sessionId, running[1].variants))
          : null,
      });
    } else if (e.type === 'cart_add') {
      for (const item of itemsOf(e)) facts.cartAdds.push({ ...base, item });
    } else if (e.type === 'purchase') {
      const order = orderLines(e.props);
      // An order without lines still converts its visitor: one line of its itemId (or none), no revenue.
      if (order.lines.length === 0) order.lines.push({ item: e.itemId ?? '', price: 0, quantity: 1 });
      order.lines.forEach((l, line) => {
        facts.orderLines.push({
          ...base,
          line,
          item: l.item,
          quantity: l.quantity,
          revenueMicros: lineMicros(l.price, l.quantity),
          currency: order.currency,
        });
      });
    }
  }
  return facts;
}
