/** NDJSON (`.ndjson`, `.jsonl`): one item object per line, the API's own bulk format. */
import type { CatalogItemInput } from '../../../contracts/catalog.ts';
import { type CatalogParser, issueAt } from './source-record.ts';

/** Items of an NDJSON file; blank lines are skipped, fields are checked later against the contract. */
export const parseNdjson: CatalogParser = async function* (lines) {
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield issueAt(n, 'line', `not valid JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield issueAt(n, 'line', 'expected an item object');
      continue;
    }
    // Unchecked until `validate.ts` runs the contract's schema over it, as for every format.
    yield { line: n, item: value as CatalogItemInput };
  }
};
