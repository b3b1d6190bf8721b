/**
 * Parser of the edge's event log: NDJSON, one `LoggedEvent` per line (contracts/schema/events.ts).
 * Behavioural events become one click per item they are about; others (page, search, ...) are
 * skipped, not errors. Events seen twice (queue redelivery) count once, keyed by event id.
 */
import * as v from 'valibot';
import { BEHAVIOURAL_TYPES } from '../../../contracts/event-types.ts';
import { EventSchema, itemsOf, SessionIdSchema } from '../../../contracts/schema/events.ts';
import { createInterner } from './intern.ts';
import type { Parsed } from './parse-errors.ts';
import type { SessionEvent } from './session-event.ts';

/** One log line: the validated event plus what the Worker adds (see `LoggedEvent`). */
const LoggedEventSchema = v.strictObject({
  ...EventSchema.entries,
  // Absent on lines written before the log carried the site.
  site: v.optional(v.string('site must be a string')),
  sessionId: SessionIdSchema,
  userId: v.optional(v.string('userId must be a string')),
  receivedAt: v.pipe(v.number('receivedAt must be a number'), v.integer('receivedAt must be an integer')),
  variants: v.optional(
    v.record(
      v.string(),
      v.string('variants must map experiment names to variant names'),
      'variants must be an object',
    ),
  ),
});

/** Parses one log line at a time into `out` (rows, errors); `seen` carries event ids across files. */
export function eventLogParser(file: string, out: Parsed<SessionEvent>, seen = new Set<string>()) {
  const intern = createInterner();
  return (raw: string, n: number): void => {
    const line = raw.trim();
    if (line === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      out.errors.push({ file, line: n, message: 'not valid JSON' });
      return;
    }
    const result = v.safeParse(LoggedEventSchema, json, { abortPipeEarly: true });
    if (!result.success) {
      const issue = result.issues[0];
      out.errors.push({ file, line: n, message: `${v.getDotPath(issue) ?? 'event'}: ${issue.message}` });
      return;
    }
    const event = result.output;
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (!BEHAVIOURAL_TYPES.has(event.type)) return;
    const sessionId = intern(event.sessionId);
    for (const itemId of itemsOf(event))
      out.rows.push({ sessionId, itemId: intern(itemId), time: event.ts / 1000 });
  };
}

/** Parse NDJSON log text; `seen` carries event ids across files so duplicates are dropped. */
export function parseEventLog(text: string, file: string, seen = new Set<string>()): Parsed<SessionEvent> {
  const out: Parsed<SessionEvent> = { rows: [], errors: [] };
  const parse = eventLogParser(file, out, seen);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) parse(lines[i], i + 1);
  return out;
}
