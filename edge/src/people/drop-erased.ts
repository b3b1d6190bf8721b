/**
 * The queue consumer's check before it writes: a line still in flight when its person or session
 * was erased (sent to the Queue before the erasure, delivered after it) must not reach R2, or the
 * erasure's rewrite of the log would have missed it.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { subjectCache } from './subjects.ts';
import { erasedBy, subjectsOfLine, tombstonesAmong } from './tombstones.ts';

/** The set of `lines` erased by the tombstone list (one D1 read for the whole delivery). */
export async function erasedLines(db: D1Database, lines: readonly LoggedEvent[]): Promise<Set<LoggedEvent>> {
  const subject = subjectCache();
  const subjects = (await Promise.all(lines.map((l) => subjectsOfLine(l, subject)))).flat();
  const tombstones = await tombstonesAmong(db, subjects);
  const out = new Set<LoggedEvent>();
  if (tombstones.size === 0) return out;
  const erased = erasedBy(tombstones);
  for (const line of lines) if (await erased(line)) out.add(line);
  return out;
}
