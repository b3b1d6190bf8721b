/**
 * The clicks a retrain trains on, read from the event log in R2 exactly as the admin export route
 * streams it (range, site, erased people and sessions left out: export-stream.ts) and parsed by the
 * model CLI's own log parser (one click per item of a behavioural event, duplicates dropped).
 */

import { eventLogParser } from '../../../model/src/data/event-log.ts';
import type { Parsed } from '../../../model/src/data/parse-errors.ts';
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import { exportLog } from '../event-log/export-stream.ts';
import { erasedBy, tombstonesOf } from '../people/tombstones.ts';

/** The log's clicks in [from, to) (of `site`), and how many lines could not be read. */
export async function readLogEvents(
  env: Pick<Env, 'EVENT_LOG' | 'CATALOG'>,
  range: { from: number; to: number },
  site?: string,
): Promise<{ events: SessionEvent[]; badLines: number }> {
  const erased = erasedBy(await tombstonesOf(env.CATALOG, site));
  const out: Parsed<SessionEvent> = { rows: [], errors: [] };
  const parse = eventLogParser('log', out);
  const decoder = new TextDecoder();
  let n = 0;
  // Each chunk of the export is whole lines.
  for await (const chunk of exportLog(env.EVENT_LOG, range, site, erased)) {
    for (const line of decoder.decode(chunk as Uint8Array).split('\n')) parse(line, ++n);
  }
  return { events: out.rows, badLines: out.errors.length };
}
