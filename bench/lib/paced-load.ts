/**
 * An open-loop load generator: starts requests on a fixed schedule (every 1000/rate ms) whether
 * or not earlier ones have answered, so its latencies are those at that request rate. autocannon's
 * rate limit instead fires each second's quota back to back, which measures a burst.
 * Latency is measured from each request's *scheduled* start, so client lag counts against the
 * server rather than hiding it (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { summarize } from './stats.ts';

/** What one paced run measured. */
export interface PacedResult {
  durationS: number;
  requests: number;
  statusCounts: Record<string, number>;
  errors: number;
  latencyMs: ReturnType<typeof summarize>;
}

/** POST `body()` to `url` `rate` times a second for `durationS` seconds; resolves when all answered. */
export async function pacedLoad({
  url,
  rate,
  durationS,
  body,
  headers = {},
}: {
  url: string;
  rate: number;
  durationS: number;
  body: () => string;
  headers?: Record<string, string>;
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
      const payload = body();
      const req = request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(payload) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduledAt);
            statusCounts[res.statusCode ?? 0] = (statusCounts[res.statusCode ?? 0] ?? 0) + 1;
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
