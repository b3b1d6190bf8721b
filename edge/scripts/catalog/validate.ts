/**
 * The contract's check of every parsed item, before anything is sent: a refusal is reported with the
 * file's line, and only lines the Worker would take leave the machine.
 */
import { parseCatalogLine } from '../../../contracts/schema/catalog-item.ts';
import { isIssue, issueAt, type SourceRecord } from './source-record.ts';

/** valibot's wording for a missing or an unknown key, in the words a shop's file is written in. */
function plain(path: string, message: string): string {
  if (/^Invalid key: Expected never/.test(message)) return `${path} is not a catalogue field`;
  if (/^Invalid key: .* but received undefined$/.test(message)) return `${path} is required`;
  return message;
}

/** `records` with every item the contract refuses turned into a refusal (its path as `column` names it). */
export async function* validated(
  records: AsyncIterable<SourceRecord>,
  column: (path: string) => string = (p) => p,
): AsyncGenerator<SourceRecord> {
  for await (const r of records) {
    if (isIssue(r)) {
      yield r;
      continue;
    }
    const parsed = parseCatalogLine(r.item);
    // The item is sent as the file had it: the Worker applies the same defaults and conversions.
    yield parsed.ok
      ? r
      : issueAt(r.line, column(parsed.issue.path), plain(column(parsed.issue.path), parsed.issue.message));
  }
}
