/**
 * Recommendation ids: unique per answer and carrying the placement, so an impression or click that
 * comes back with `props.recId` can be attributed to the placement's experiment without storing
 * anything per answer (the variant itself is a pure function of experiment and session).
 */
import { NAME_PATTERN } from '../../../contracts/recommend-request.ts';

const PLACEMENT_RE = NAME_PATTERN;

/** A new id for an answer on `placement`. */
export function newRecId(placement: string): string {
  return `${crypto.randomUUID()}.${placement}`;
}

/** The placement a recId names, or undefined for anything else (ids come back from browsers). */
export function placementOfRecId(recId: unknown): string | undefined {
  if (typeof recId !== 'string' || recId.length > 128) return undefined;
  const dot = recId.indexOf('.');
  const placement = dot < 0 ? '' : recId.slice(dot + 1);
  return PLACEMENT_RE.test(placement) ? placement : undefined;
}
