/**
 * Everything held about a person (`GET /v1/users/:id/export`, portability): their profile, every
 * session linked to it as stored, and their lines in the event log (the linked sessions' lines and
 * any line carrying their user id, in those sessions' hours), less anything already erased.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { sessionStub } from '../session/session-name.ts';
import type { SessionSnapshot } from '../session/types.ts';
import { collectLines } from './log-scan.ts';
import { profileStub } from './profile-name.ts';
import { erasedBy, tombstonesOf } from './tombstones.ts';
import type { ProfileSnapshot } from './types.ts';

/** A person's export. */
export interface PersonExport {
  site: string;
  userId: string;
  exportedAt: number;
  profile: ProfileSnapshot;
  sessions: SessionSnapshot[];
  /** Their event-log lines, deduplicated by event id, in log order. */
  log: LoggedEvent[];
}

/** The export of user `userId` of site `site`, or null when no profile exists. */
export async function exportPerson(env: Env, site: string, userId: string): Promise<PersonExport | null> {
  const profile = await profileStub(env, site, userId).snapshot();
  if (!profile) return null;
  const sessions: SessionSnapshot[] = [];
  for (const s of profile.sessions) {
    const snapshot = await sessionStub(env, site, s.sessionId).snapshot();
    if (snapshot) sessions.push(snapshot);
  }
  const ids = new Set(profile.sessions.map((s) => s.sessionId));
  const hours = [...new Set(profile.sessions.flatMap((s) => s.hours))].sort((a, b) => a - b);
  const erased = erasedBy(await tombstonesOf(env.CATALOG, site));
  const seen = new Set<string>();
  const log = await collectLines(env.EVENT_LOG, hours, async (line) => {
    if (line.site !== site || !(ids.has(line.sessionId) || line.userId === userId)) return false;
    if (seen.has(line.id) || (await erased(line))) return false;
    seen.add(line.id);
    return true;
  });
  return {
    site,
    userId,
    exportedAt: Date.now(),
    profile,
    sessions,
    log,
  };
}
