/**
 * Read a text file line by line in 1 MiB chunks (Node, synchronous like the rest of the loader), so
 * a log of millions of lines is never one string in memory: V8 caps strings at ~512 MB and a
 * `split('\n')` of a big log holds every line at once.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 1 << 20;

/** Call `onLine(text, lineNumber)` for every line of `path` (1-based numbers, `\n` removed). */
export function readLines(path: string, onLine: (line: string, n: number) => void): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const decoder = new StringDecoder('utf8'); // keeps a character split across chunks whole
    let rest = '';
    let n = 0;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const text = rest + decoder.write(buffer.subarray(0, read));
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        onLine(text.slice(start, end), ++n);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest !== '') onLine(rest, ++n);
  } finally {
    closeSync(fd);
  }
}
