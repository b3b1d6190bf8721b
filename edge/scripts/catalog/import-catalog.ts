/**
 * The import pipeline: parsed and checked records → chunks → `POST /v1/catalog/items`, one chunk at a
 * time so the file's order is the write order (a later line for the same id wins), with every refusal
 * reported at its file line, the server's included.
 */
import type { CatalogLineError } from '../../../contracts/catalog.ts';
import { type CatalogApi, postItems } from './api-client.ts';
import { type ChunkLimits, chunked } from './chunks.ts';
import { isIssue, type SourceItem, type SourceRecord } from './source-record.ts';

export interface ImportProgress {
  /** Valid items sent so far (or checked, in a dry run). */
  sent: number;
  refused: number;
  elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
  upserted: number;
  unchanged: number;
  /** The refusals with the lowest file lines, at most `keepErrors`, in file order. */
  errors: CatalogLineError[];
  /** File line of the last item the server applied or checked (0: none): where a failed import got to. */
  appliedThrough: number;
}

export interface ImportOptions extends ChunkLimits {
  /** Where to send; absent for a dry run (parse and check only). */
  api?: CatalogApi;
  keepErrors?: number;
  onProgress?: (p: ImportProgress) => void;
}

/** Import `records`; a refused line never stops it, an API failure throws with `summary` as it stood. */
export async function importCatalog(
  records: AsyncIterable<SourceRecord>,
  { api, keepErrors = 20, onProgress, ...limits }: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const s: ImportSummary = {
    sent: 0,
    refused: 0,
    elapsedMs: 0,
    upserted: 0,
    unchanged: 0,
    errors: [],
    appliedThrough: 0,
  };
  const refuse = (e: CatalogLineError) => {
    s.refused++;
    s.errors.push(e);
    // Keep the lowest lines only, sorting now and then rather than on every refusal.
    if (s.errors.length >= 2 * keepErrors) trim();
  };
  const trim = () => {
    s.errors.sort((a, b) => a.line - b.line);
    s.errors.length = Math.min(s.errors.length, keepErrors);
  };
  async function* items(): AsyncGenerator<SourceItem> {
    for await (const r of records) {
      if (isIssue(r)) refuse({ line: r.line, ...r.issue });
      else yield r;
    }
  }
  try {
    for await (const chunk of chunked(items(), limits)) {
      if (api) {
        const result = await postItems(api, chunk.body);
        s.upserted += result.upserted;
        s.unchanged += result.unchanged;
        // The server numbers the lines of its request body; the user knows the file's.
        for (const e of result.errors) refuse({ ...e, line: chunk.lines[e.line - 1] ?? e.line });
      }
      s.sent += chunk.lines.length;
      s.appliedThrough = chunk.lines.at(-1)!;
      s.elapsedMs = performance.now() - started;
      onProgress?.({ sent: s.sent, refused: s.refused, elapsedMs: s.elapsedMs });
    }
  } catch (e) {
    trim();
    throw Object.assign(e as Error, { summary: s });
  }
  trim();
  s.elapsedMs = performance.now() - started;
  return s;
}
