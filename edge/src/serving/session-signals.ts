/**
 * What a session's newly accepted events contribute to the site's online signals: weighted item
 * interactions (trending) and, for impressions and recommendation clicks, the experiment arm of the
 * answer they refer to (from `props.recId`).
 */

import { itemsOf, type TrackedEvent } from '../../../contracts/schema/events.ts';
import { sitesNow } from '../config/runtime-config.ts';
import { experimentsFor } from '../config/sites.ts';
import { assignVariant } from '../experiments/assign.ts';
import type { SignalBatch, SignalEvent } from '../signals/types.ts';
import { EVENT_WEIGHTS } from '../signals/weights.ts';
import { placementOfRecId } from './rec-id.ts';

/** The experiment arm an impression or click on answer `recId` belongs to, if an experiment ran. */
export function attribution(site: string, sessionId: string, recId: unknown): SignalEvent['experiment'] {
  const placement = placementOfRecId(recId);
  if (placement === undefined) return undefined;
  const running = Object.entries(experimentsFor(sitesNow(), site)).find(([, e]) => e.placement === placement);
  if (!running) return undefined;
  const [name, { variants }] = running;
  return { name, variant: assignVariant(name, sessionId, variants) };
}

/** The signal batch for `accepted` events; undefined when none of them counts. */
export function signalBatch(
  site: string,
  sessionId: string,
  accepted: readonly TrackedEvent[],
  at: number,
): SignalBatch | undefined {
  const events: SignalEvent[] = [];
  for (const e of accepted) {
    const event: SignalEvent = { type: e.type, items: itemsOf(e) };
    if (e.type === 'impression' || e.type === 'rec_click') {
      const experiment = attribution(site, sessionId, e.props?.recId);
      if (experiment) event.experiment = experiment;
    }
    if (event.experiment || (EVENT_WEIGHTS[e.type] && event.items.length > 0)) events.push(event);
  }
  return events.length > 0 ? { at, sessionId, events } : undefined;
}
