/** What every catalogue file parser yields: an item or a refusal, each with the file line it came from. */
import type { CatalogItemInput } from '../../../contracts/catalog.ts';
import type { CatalogIssue } from '../../../contracts/schema/catalog-item.ts';

/** One item of the file, at its 1-based first line (a quoted CSV field may span several). */
export interface SourceItem {
  line: number;
  item: CatalogItemInput;
}

/** One line the parser could not turn into an item; `path` names the field or column. */
export interface SourceIssue {
  line: number;
  issue: CatalogIssue;
}

export type SourceRecord = SourceItem | SourceIssue;

/** A streaming parser: file lines in (no line ends), records out, never a throw on bad input. */
export type CatalogParser = (lines: AsyncIterable<string>) => AsyncGenerator<SourceRecord>;

/** True for a refused line. */
export const isIssue = (r: SourceRecord): r is SourceIssue => 'issue' in r;

/** A refusal at `line` for `path`. */
export const issueAt = (line: number, path: string, message: string): SourceIssue => ({
  line,
  issue: { path, message },
});
