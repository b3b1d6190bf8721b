/** Malformed input lines, reported as `file:line: message` and collected rather than thrown. */

/** One malformed line. */
export interface LineError {
  file: string;
  line: number;
  message: string;
}

/** What a parser returns: the good rows and every bad line. */
export interface Parsed<T> {
  rows: T[];
  errors: LineError[];
}

/** `file:line: message`, the format editors and terminals link to. */
export function formatLineError(e: LineError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}
