/** What a session holds after an accepted batch, as the fuzz suites compare it (admin read-back). */
import { normalizeEventType } from '../../../contracts/event-types.ts';
import type { StoredEventView } from './request.ts';

export interface SentBatch {
  consent: { personalization: boolean };
  events: StoredEventView[];
}

/** Compared fields of an event, as JSON carries them (`-0` is written `0`). */
export const view = (e: StoredEventView, props: unknown) => ({
  id: e.id,
  type: normalizeEventType(e.type) ?? e.type,
  ts: e.ts,
  itemId: e.itemId,
  props: props === undefined ? undefined : JSON.parse(JSON.stringify(props)),
});
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/** The session after `sent` was accepted on top of `before`: new ids added, props as consent says. */
export function expectedAfter(before: readonly StoredEventView[], sent: SentBatch) {
  const keep = sent.consent.personalization;
  const have = new Set(before.map((e) => e.id));
  const added = sent.events.filter((e) => !have.has(e.id) && have.add(e.id));
  return [
    ...before.map((e) => view(e, keep ? e.props : undefined)),
    ...added.map((e) => view(e, keep ? e.props : undefined)),
  ].sort(byId);
}
