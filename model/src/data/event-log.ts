/**
 * Parser of the edge's event log: NDJSON, one `LoggedEvent` per line (contracts/schema/events.ts).
 * Behavioural events become one click per item they are about; others (page, search, ...) are
 * skipped, not errors. Events seen twice (queue redelivery) count once, keyed by event id.
 */
import * as v from 'valibot';
import { BEHAVIOURAL_TYPES } from '../../../contracts/event-types.ts';
import { EventSchema, itemsOf, SessionIdSchema } from '../../../contracts/schema/events.ts';
import type { LineError, Parsed } from './parse-errors.ts';
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

/** Parse NDJSON log text; `seen` carries event ids across files so duplicates are dropped. */
export function parseEventLog(text: string, file: string, seen = new Set<string>()): Parsed<SessionEvent> {
  const rows: SessionEvent[] = [];
  const errors: LineError[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      errors.push({ file, line: n + 1, message: 'not valid JSON' });
      continue;
    }
    const result = v.safeParse(LoggedEventSchema, json, { abortPipeEarly: true });
    if (!result.success) {
      const issue = result.issues[0];
      errors.push({ file, line: n + 1, message: `${v.getDotPath(issue) ?? 'event'}: ${issue.message}` });
      continue;
    }
    const event = result.output;
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if (!BEHAVIOURAL_TYPES.has(event.type)) continue;
    for (const itemId of itemsOf(event))
      rows.push({ sessionId: event.sessionId, itemId, time: event.ts / 1000 });
  }
  return { rows, errors };
}
