/**
 * A bulk catalogue body → validated writes and per-line errors. NDJSON (one item per line, blank
 * lines skipped) or a JSON array; a line is numbered 1-based (array: element index + 1). A bad line
 * is reported and goes nowhere; the others go on. Pure.
 */
import { type CatalogLineError, MAX_BULK_LINES } from '../../../contracts/catalog.ts';
import { BODY_SHAPE, jsonShapeProblem } from '../../../contracts/json-shape.ts';
import { type CatalogWrite, parseCatalogLine } from '../../../contracts/schema/catalog-item.ts';
import { ApiError } from '../http/api-error.ts';
import { parseJsonText } from '../http/json-body.ts';
import { checkUpdatedAt } from './updated-at.ts';

/** The writes of a bulk body, each with its line, and the lines refused. */
export interface BulkLines {
  writes: { line: number; write: CatalogWrite }[];
  errors: CatalogLineError[];
}

const tooMany = () =>
  new ApiError(400, 'too_many_lines', `a bulk request holds at most ${MAX_BULK_LINES} items`, 'body');

function lineOf(value: unknown, line: number, now: number, out: BulkLines): void {
  const shape = jsonShapeProblem(value, BODY_SHAPE);
  if (shape) {
    out.errors.push({ line, path: shape.path, message: shape.message });
    return;
  }
  const parsed = parseCatalogLine(value);
  const issue = parsed.ok ? checkUpdatedAt(parsed.value.updatedAt, now) : parsed.issue;
  if (issue) out.errors.push({ line, ...issue });
  else if (parsed.ok) out.writes.push({ line, write: parsed.value });
}

/** Parse `text` as NDJSON, or as a JSON array when `array`. Throws a 400 for a body that is neither. */
export function parseBulkBody(text: string, array: boolean, now = Date.now()): BulkLines {
  const out: BulkLines = { writes: [], errors: [] };
  if (array) {
    const json = parseJsonText(text);
    if (!Array.isArray(json))
      throw new ApiError(400, 'invalid_body', 'a JSON bulk body must be an array of items', 'body');
    if (json.length > MAX_BULK_LINES) throw tooMany();
    for (const [i, value] of json.entries()) lineOf(value, i + 1, now, out);
    return out;
  }
  const lines = text.split('\n');
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    if (++count > MAX_BULK_LINES) throw tooMany();
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      out.errors.push({ line: i + 1, path: '', message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    lineOf(value, i + 1, now, out);
  }
  if (count === 0) throw new ApiError(400, 'invalid_body', 'the bulk body holds no item', 'body');
  return out;
}
