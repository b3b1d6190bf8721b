/**
 * Download the event log of a range through `GET /v1/admin/log` into a file, chunk by chunk as it
 * streams (the log is never held in memory here), with a progress line on stderr.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** What was downloaded. */
export interface LogDownload {
  lines: number;
  bytes: number;
  seconds: number;
}

/** Stream `from`..`to` (of `site`, when given) of the Worker at `url` into `file`. */
export async function downloadLog(
  url: string,
  token: string,
  range: { from: number; to: number },
  file: string,
  site?: string,
  progress: (line: string) => void = (l) => process.stderr.write(`\r${l}`),
): Promise<LogDownload> {
  const query = new URLSearchParams({ from: String(range.from), to: String(range.to) });
  if (site) query.set('key', site);
  const started = performance.now();
  const res = await fetch(`${url}/v1/admin/log?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) {
    throw new Error(`GET /v1/admin/log: ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
  const out = createWriteStream(file);
  let lines = 0;
  let bytes = 0;
  let shown = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const b of chunk) if (b === 10) lines++;
    if (!out.write(chunk)) await once(out, 'drain');
    if (performance.now() - shown > 500) {
      shown = performance.now();
      progress(`reading the event log: ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB`);
    }
  }
  out.end();
  await once(out, 'finish');
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  progress(`read the event log: ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB in ${seconds} s\n`);
  return { lines, bytes, seconds };
}
