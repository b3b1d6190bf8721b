/** The first-party session: a random id that rotates after 30 minutes without events or on a user change. */
import { newId } from './ids.ts';

/** Inactivity after which the next event starts a new session, ms. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** Session id `s`, time of its last event `t`, known user `u`. Stored as-is with storage consent. */
export interface Session {
  s: string;
  t: number;
  u?: string;
}

/** A fresh session starting at `now`. */
export const newSession = (now: number, u?: string): Session => ({ s: newId(), t: now, u });

/** A stored value that is a session still alive at `now`, else undefined. */
export function restore(value: unknown, now: number): Session | undefined {
  const v = value as Session | null;
  return v && typeof v.s === 'string' && typeof v.t === 'number' && now - v.t <= SESSION_IDLE_MS
    ? v
    : undefined;
}

/**
 * Account for an event at `ts` by `user` (undefined: unchanged, null: logged out). Rotates the id
 * after inactivity or when a known user changes; returns true when it rotated.
 */
export function touch(session: Session, ts: number, user: string | null | undefined): boolean {
  const rotate =
    ts - session.t > SESSION_IDLE_MS || (user !== undefined && !!session.u && user !== session.u);
  if (rotate) session.s = newId();
  if (user !== undefined) session.u = user || undefined;
  session.t = Math.max(session.t, ts);
  return rotate;
}
