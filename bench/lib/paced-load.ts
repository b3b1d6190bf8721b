/**
 * An open-loop load generator: starts requests on a fixed schedule (every 1000/rate ms) whether
 * or not earlier ones have answered, so its latencies are those at that request rate. autocannon's
 * rate limit instead fires each second's quota back to back, which measures a burst.
 * Latency is measured from each request's *scheduled* start, so client lag counts against the
 * server rather than hiding it (no coordinated omission).
 */
import { Agent, type IncomingMessage, request } from 'node:http';
import { summarize } from './stats.ts';

/** What one paced run measured. */
export interface PacedResult {
  durationS: number;
  requests: number;
  statusCounts: Record<string, number>;
  errors: number;
  latencyMs: ReturnType<typeof summarize>;
}

/**
 * Send `rate` requests a second for `durationS` seconds; resolves when all answered. A POST of
 * `body()` when `body` is given, else a GET; `url` may differ per request. `onResponse` sees each
 * answer's head (e.g. to read Server-Timing) with its latency and URL.
 */
export async function pacedLoad({
  url,
  rate,
  durationS,
  body,
  headers = {},
  onResponse,
}: {
  url: string | (() => string);
  rate: number;
  durationS: number;
  body?: () => string;
  headers?: Record<string, string>;
  onResponse?: (res: IncomingMessage, latencyMs: number, url: string) => void;
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.round(rate * durationS);
  const interval = 1000 / rate;
  const start = performance.now();

  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const payload = body?.();
      const target = typeof url === 'string' ? url : url();
      const head = payload === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(payload)) };
      const req = request(
        target,
        { method: payload === undefined ? 'GET' : 'POST', agent, headers: { ...headers, ...head } },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ms = performance.now() - scheduledAt;
            latencies.push(ms);
            statusCounts[res.statusCode ?? 0] = (statusCounts[res.statusCode ?? 0] ?? 0) + 1;
            onResponse?.(res, ms, target);
            resolve();
          });
        },
      );
      // Bounded: a request unanswered after 10 s counts as an error (as in autocannon).
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(payload);
    });

  for (let i = 0; i < total; i++) {
    const scheduledAt = start + i * interval;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(scheduledAt));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return {
    durationS: Math.round((performance.now() - start) / 100) / 10,
    requests: total,
    statusCounts,
    errors,
    latencyMs: summarize(latencies),
  };
}
