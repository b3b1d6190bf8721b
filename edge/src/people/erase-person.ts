/**
 * A person's erasure (`DELETE /v1/users/:id`, and the SDK's forget of an identified session):
 * every session linked to their profile, the profile, and their lines in the event log. Order
 * matters so that a failure part way can simply be retried: the tombstones first (from then on no
 * reader of the log returns the lines; the report's facts are unlinked from the sessions), then the sessions (their unsent log lines go with them),
 * then the R2 objects of the sessions' hours are rewritten (beyond a bound, in the background:
 * `erasure-queue.ts`), and the profile, which lists the sessions, goes last.
 */
import { anonymiseReportSessions } from '../report/anonymise.ts';
import { sessionStub } from '../session/session-name.ts';
import { INLINE_REWRITE_OBJECTS, rewriteLater } from './erasure-queue.ts';
import { type RewriteOutcome, rewriteLog } from './log-scan.ts';
import { profileStub } from './profile-name.ts';
import { subjectOf } from './subjects.ts';
import { erasedBy, recordErasures, tombstonesOf } from './tombstones.ts';

/** A session to erase and the UTC hours its events came in. */
export interface SessionToErase {
  sessionId: string;
  hours: readonly number[];
}

/** What an erasure answers. */
export interface ErasureResult {
  erased: true;
  /** Whether a profile or any session held something. */
  existed: boolean;
  sessions: string[];
  /** What was rewritten before the answer; `pendingPartitions` hours are left to the background. */
  log: Omit<RewriteOutcome, 'pendingHours'> & { pendingPartitions: number };
}

function union(lists: readonly SessionToErase[]): SessionToErase[] {
  const byId = new Map<string, Set<number>>();
  for (const s of lists) {
    const hours = byId.get(s.sessionId) ?? new Set();
    for (const h of s.hours) hours.add(h);
    byId.set(s.sessionId, hours);
  }
  return [...byId].map(([sessionId, hours]) => ({ sessionId, hours: [...hours].sort((a, b) => a - b) }));
}

/**
 * Erase user `userId` of site `site` (when given: an anonymous session has no profile) and
 * `also` (sessions the caller knows of, e.g. the one being forgotten) with every linked session.
 */
export async function erasePerson(
  env: Env,
  site: string,
  userId: string | undefined,
  also: readonly SessionToErase[] = [],
  { inlineObjects = INLINE_REWRITE_OBJECTS }: { inlineObjects?: number } = {},
): Promise<ErasureResult> {
  const profile = userId === undefined ? undefined : profileStub(env, site, userId);
  const linked = profile ? await profile.sessions() : [];
  const sessions = union([...linked, ...also]);
  const subjects = await Promise.all([
    ...(userId === undefined ? [] : [subjectOf(site, 'user', userId)]),
    ...sessions.map((s) => subjectOf(site, 'session', s.sessionId)),
  ]);
  await recordErasures(env.CATALOG, site, subjects, Date.now());
  await anonymiseReportSessions(
    env.CATALOG,
    site,
    sessions.map((s) => s.sessionId),
  );
  const erasedSessions = await Promise.all(sessions.map((s) => sessionStub(env, site, s.sessionId).erase()));
  const hours = [...new Set(sessions.flatMap((s) => s.hours))].sort((a, b) => a - b);
  const erased = erasedBy(await tombstonesOf(env.CATALOG, site));
  const { pendingHours, ...log } = await rewriteLog(env.EVENT_LOG, hours, erased, inlineObjects);
  await rewriteLater(env, site, pendingHours);
  const profileExisted = profile ? (await profile.erase()).existed : false;
  return {
    erased: true,
    existed: profileExisted || erasedSessions.some((r) => r.existed),
    sessions: sessions.map((s) => s.sessionId),
    log: { ...log, pendingPartitions: pendingHours.length },
  };
}
