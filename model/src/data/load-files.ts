/**
 * The one loader interface over every source (Node only: reads files). A path is a TSV session
 * file, an NDJSON event-log file, or a folder (the R2 log layout) whose `*.ndjson` files are read
 * in name order. Returns all events plus every malformed line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eventLogParser } from './event-log.ts';
import type { LineError, Parsed } from './parse-errors.ts';
import { readLines } from './read-lines.ts';
import type { SessionEvent } from './session-event.ts';
import { parseSessionTsv } from './tsv.ts';

const LOG_EXT = /\.(ndjson|jsonl)$/;

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => LOG_EXT.test(name))
    .sort()
    .map((name) => join(path, name));
}

/** Load and concatenate the given files/folders; throws only when a path cannot be read. */
export function loadSessionFiles(paths: readonly string[]): Parsed<SessionEvent> & { files: string[] } {
  const rows: SessionEvent[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  const files = paths.flatMap(listFiles);
  for (const file of files) {
    if (LOG_EXT.test(file)) {
      // Logs can be big: read line by line (read-lines.ts); session TSV files are small.
      readLines(file, eventLogParser(file, { rows, errors }, seen));
      continue;
    }
    const parsed = parseSessionTsv(readFileSync(file, 'utf8'), file);
    for (const r of parsed.rows) rows.push(r);
    for (const e of parsed.errors) errors.push(e);
  }
  return { rows, errors, files };
}
