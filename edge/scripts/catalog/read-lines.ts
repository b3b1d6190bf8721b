/** A file as a stream of lines: constant memory however large the feed. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The lines of `path` without their ends (LF, CRLF or CR) and without a leading UTF-8 BOM, which
 * spreadsheet exports put in front of the header and would otherwise become part of its first name.
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  try {
    for await (const line of lines) {
      yield first && line.startsWith('\uFEFF') ? line.slice(1) : line;
      first = false;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
