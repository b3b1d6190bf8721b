/**
 * The tombstone list of the event log (D1 `log_erasures`, migration 0007): erased sessions and
 * users by subject hash, with when they were erased. A line is erased when its session or user is
 * listed and it was received at or before that time, so a person who comes back (and consents
 * again) is logged again.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { subjectCache } from './subjects.ts';

/** Subject hash → erased at (ms). */
export type Tombstones = ReadonlyMap<string, number>;

/** What a reader looks at to decide whether a line is erased. */
export type ErasableLine = Pick<LoggedEvent, 'site' | 'sessionId' | 'userId' | 'receivedAt'>;

// D1 binds at most 100 parameters a statement.
const IN_CHUNK = 90;

/** List `subjects` of site `site` as erased at `at` (a later erasure of the same subject moves it). */
export async function recordErasures(db: D1Database, site: string, subjects: readonly string[], at: number) {
  if (subjects.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO log_erasures (subject, site, erased_at) VALUES (?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)`,
  );
  await db.batch(subjects.map((s) => insert.bind(s, site, at)));
}

/** Every tombstone of site `site`, or of every site. */
export async function tombstonesOf(db: D1Database, site?: string): Promise<Tombstones> {
  const stmt =
    site === undefined
      ? db.prepare('SELECT subject, erased_at FROM log_erasures')
      : db.prepare('SELECT subject, erased_at FROM log_erasures WHERE site = ?').bind(site);
  const { results } = await stmt.all<{ subject: string; erased_at: number }>();
  return new Map(results.map((r) => [r.subject, r.erased_at]));
}

/** The tombstones among `subjects` (the queue consumer asks about one delivery's sessions). */
export async function tombstonesAmong(db: D1Database, subjects: readonly string[]): Promise<Tombstones> {
  const out = new Map<string, number>();
  const unique = [...new Set(subjects)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    const { results } = await db
      .prepare(
        `SELECT subject, erased_at FROM log_erasures WHERE subject IN (${chunk.map(() => '?').join(',')})`,
      )
      .bind(...chunk)
      .all<{ subject: string; erased_at: number }>();
    for (const r of results) out.set(r.subject, r.erased_at);
  }
  return out;
}

/** Whether a line is erased by `tombstones`; hashes are memoised per reader. */
export function erasedBy(tombstones: Tombstones): (line: ErasableLine) => Promise<boolean> {
  const subject = subjectCache();
  return async (line) => {
    if (tombstones.size === 0) return false;
    const site = line.site ?? '';
    const bySession = tombstones.get(await subject(site, 'session', line.sessionId));
    if (bySession !== undefined && line.receivedAt <= bySession) return true;
    if (line.userId === undefined) return false;
    const byUser = tombstones.get(await subject(site, 'user', line.userId));
    return byUser !== undefined && line.receivedAt <= byUser;
  };
}

/** The subjects of one log line, for `tombstonesAmong`. */
export async function subjectsOfLine(
  line: ErasableLine,
  subject: ReturnType<typeof subjectCache>,
): Promise<string[]> {
  const site = line.site ?? '';
  const out = [await subject(site, 'session', line.sessionId)];
  if (line.userId !== undefined) out.push(await subject(site, 'user', line.userId));
  return out;
}
