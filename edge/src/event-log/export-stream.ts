/**
 * The event log of a time range as one NDJSON stream, read partition by partition (layout.ts) and
 * object by object as the client pulls, so memory holds one object, never the range. Only lines
 * whose `receivedAt` lies in the range (and, with `site`, of that site) pass: the hours at the edges
 * of the range are partly outside it. What the log holds is all there is: events without analytics
 * consent were never logged (logged-events.ts), so an export cannot reveal them. Lines of erased
 * people and sessions (the tombstone list, people/tombstones.ts) never pass either.
 */
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { logPartition } from './layout.ts';
import type { LogRange } from './log-range.ts';

const HOUR_MS = 3_600_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The partition prefixes (with a trailing slash) of every hour that overlaps `range`. */
export function partitionsOf(range: LogRange): string[] {
  const out: string[] = [];
  for (let h = Math.floor(range.from / HOUR_MS); h * HOUR_MS < range.to; h++) {
    out.push(`${logPartition(h * HOUR_MS)}/`);
  }
  return out;
}

/** Object keys of `prefix`, in key (= write) order, listing page by page. */
export async function* keysOf(bucket: R2Bucket, prefix: string): AsyncGenerator<string> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    for (const obj of page.objects) yield obj.key;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

/** Whether a line is erased; by default none is. */
export type ErasedLine = (
  line: Pick<LoggedEvent, 'site' | 'sessionId' | 'userId' | 'receivedAt'>,
) => Promise<boolean>;

const NONE_ERASED: ErasedLine = async () => false;

/** The lines of `range` (and `site`, when given) of one object's text, newline-terminated. */
async function keep(
  text: string,
  range: LogRange,
  site: string | undefined,
  erased: ErasedLine,
): Promise<string> {
  let out = '';
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let event: Pick<LoggedEvent, 'receivedAt' | 'site' | 'sessionId' | 'userId'>;
    try {
      event = JSON.parse(line);
    } catch {
      continue; // the consumer writes JSON only; a torn line is not worth failing the export for
    }
    if (event.receivedAt < range.from || event.receivedAt >= range.to) continue;
    if (site !== undefined && event.site !== site) continue;
    if (await erased(event)) continue;
    out += `${line}\n`;
  }
  return out;
}

/** A pull-based NDJSON stream of the log lines of `range`, without the lines `erased` names. */
export function exportLog(
  bucket: R2Bucket,
  range: LogRange,
  site?: string,
  erased: ErasedLine = NONE_ERASED,
): ReadableStream<Uint8Array> {
  const objects = (async function* () {
    for (const prefix of partitionsOf(range)) yield* keysOf(bucket, prefix);
  })();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Skip objects with nothing in range until one yields bytes (a pull must enqueue or close).
      for (;;) {
        const next = await objects.next();
        if (next.done) return controller.close();
        const object = await bucket.get(next.value); // null when deleted meanwhile: nothing to send
        // Decoded here, not with .text(): workerd warns on .text() of a non-text/* content type.
        const text = object ? decoder.decode(await object.arrayBuffer()) : '';
        const lines = await keep(text, range, site, erased);
        if (lines !== '') return controller.enqueue(encoder.encode(lines));
      }
    },
    async cancel() {
      await objects.return(undefined);
    },
  });
}
