/**
 * RFC 4180 records over a stream of lines, for any one-character delimiter (CSV's `,`, the Merchant
 * feed's tab): quoted fields may hold the delimiter, `""` for a quote, and line breaks (the record
 * then spans several lines; a break inside quotes comes out as `\n`, whatever the file used).
 */

/** One record at the 1-based line where it starts. */
export interface Row {
  line: number;
  fields: string[];
}

/** A record that breaks the quoting rules; `column` is 1-based. */
export interface RowError {
  line: number;
  column: number;
  message: string;
}

const QUOTE = 34;

/** Records of `lines`; blank lines between records are skipped. */
export async function* csvRows(
  lines: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<Row | RowError> {
  let n = 0;
  let start = 0;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for await (const line of lines) {
    n++;
    if (!inQuotes) {
      if (line === '') continue;
      start = n;
      // Most lines of a feed have no quote at all: one split, no character walk.
      if (!line.includes('"')) {
        yield { line: n, fields: line.split(delimiter) };
        continue;
      }
    }
    let i = 0;
    let done = false;
    let error: string | undefined;
    while (!done) {
      if (inQuotes) {
        const j = line.indexOf('"', i);
        if (j === -1) {
          field += `${line.slice(i)}\n`;
          break; // the quoted field goes on on the next line
        }
        field += line.slice(i, j);
        if (line.charCodeAt(j + 1) === QUOTE) {
          field += '"';
          i = j + 2;
          continue;
        }
        inQuotes = false;
        i = j + 1;
        if (i < line.length && line[i] !== delimiter) {
          error = 'unexpected text after a closing quote (quote the whole field, "" for a quote)';
          break;
        }
        fields.push(field);
        field = '';
        if (i === line.length) done = true;
        else i++;
        continue;
      }
      // At the start of a field. A quote later inside an unquoted field is kept as is (`5" screen`).
      if (line.charCodeAt(i) === QUOTE) {
        inQuotes = true;
        i++;
        continue;
      }
      const j = line.indexOf(delimiter, i);
      fields.push(j === -1 ? line.slice(i) : line.slice(i, j));
      if (j === -1) done = true;
      else i = j + 1;
    }
    if (error !== undefined) {
      yield { line: start, column: fields.length + 1, message: error };
      fields = [];
      field = '';
      inQuotes = false;
    } else if (done) {
      yield { line: start, fields };
      fields = [];
    }
  }
  if (inQuotes) yield { line: start, column: fields.length + 1, message: 'quoted field never closed' };
}

/** True for a record that breaks the quoting rules. */
export const isRowError = (r: Row | RowError): r is RowError => 'message' in r;
