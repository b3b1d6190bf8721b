/** Parser of session TSV files (`SessionId<TAB>ItemId<TAB>Time`, header row, Unix seconds). */
import * as v from 'valibot';
import { ItemIdSchema } from '../../../contracts/schema/events.ts';
import type { LineError, Parsed } from './parse-errors.ts';
import type { SessionEvent } from './session-event.ts';

const COLUMNS = ['SessionId', 'ItemId', 'Time'] as const;

/** Parse TSV text; `file` names the source in error messages. Columns may come in any order. */
export function parseSessionTsv(text: string, file: string): Parsed<SessionEvent> {
  const lines = text.split('\n');
  const rows: SessionEvent[] = [];
  const errors: LineError[] = [];
  const header = (lines[0] ?? '').replace(/\r$/, '').split('\t');
  const col = COLUMNS.map((name) => header.indexOf(name));
  const missing = COLUMNS.filter((_, k) => col[k] < 0);
  if (missing.length > 0) {
    const message = `header must name the columns SessionId, ItemId, Time (missing ${missing.join(', ')})`;
    return { rows, errors: [{ file, line: 1, message }] };
  }
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    if (line === '') continue;
    const cells = line.split('\t');
    const error = (message: string) => errors.push({ file, line: n + 1, message });
    if (cells.length !== header.length) {
      error(`expected ${header.length} tab-separated columns, got ${cells.length}`);
      continue;
    }
    const [sessionId, itemId, timeText] = col.map((c) => cells[c].trim());
    const time = Number(timeText);
    if (sessionId === '') error('SessionId is empty');
    else if (!v.is(ItemIdSchema, itemId)) error(`ItemId ${JSON.stringify(itemId)} is not a valid item id`);
    else if (timeText === '' || !Number.isFinite(time) || time < 0)
      error(`Time ${JSON.stringify(timeText)} is not Unix seconds`);
    else rows.push({ sessionId, itemId, time });
  }
  return { rows, errors };
}
