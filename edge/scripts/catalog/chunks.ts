/** Items grouped into bulk request bodies within the API's limits, each line mapped to its file line. */
import { MAX_BULK_BYTES, MAX_BULK_LINES } from '../../../contracts/catalog.ts';
import type { SourceItem } from './source-record.ts';

/** One NDJSON request body; `lines[i]` is the file line of the body's line i + 1. */
export interface Chunk {
  body: string;
  lines: number[];
}

export interface ChunkLimits {
  maxLines?: number;
  maxBytes?: number;
}

/**
 * Consecutive chunks of at most `maxLines` lines and `maxBytes` bytes. An item the contract accepts
 * serialises to well under 100 KB, so a single line never overflows the byte limit on its own.
 */
export async function* chunked(
  items: AsyncIterable<SourceItem>,
  { maxLines = MAX_BULK_LINES, maxBytes = MAX_BULK_BYTES }: ChunkLimits = {},
): AsyncGenerator<Chunk> {
  let parts: string[] = [];
  let lines: number[] = [];
  let bytes = 0;
  for await (const { line, item } of items) {
    const json = JSON.stringify(item);
    const size = Buffer.byteLength(json) + 1; // + its "\n"
    if (parts.length > 0 && (parts.length === maxLines || bytes + size > maxBytes)) {
      yield { body: `${parts.join('\n')}\n`, lines };
      parts = [];
      lines = [];
      bytes = 0;
    }
    parts.push(json);
    lines.push(line);
    bytes += size;
  }
  if (parts.length > 0) yield { body: `${parts.join('\n')}\n`, lines };
}
