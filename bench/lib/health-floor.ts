/**
 * The `/v1/health` floor of a `wrangler dev` server: what any request costs through its proxy, so a
 * bench can set its own figures beside it (same server, same moment, same machine load).
 */
import { groupCpuSeconds } from './process-cpu.ts';
import { summarize } from './stats.ts';

/** `rounds` × `parallel` health requests: latency, and server CPU ms per request (process group `pgid`). */
export async function healthFloor(url: string, pgid: number, rounds = 25, parallel = 8) {
  const before = groupCpuSeconds(pgid);
  const started = performance.now();
  const latencies: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        const t = performance.now();
        await (await fetch(`${url}/v1/health`)).arrayBuffer();
        latencies.push(performance.now() - t);
      }),
    );
  }
  const n = rounds * parallel;
  return {
    requests: n,
    requestsPerSecond: Math.round((1000 * n) / (performance.now() - started)),
    cpuMsPerRequest: Math.round((100_000 * (groupCpuSeconds(pgid) - before)) / n) / 100,
    latencyMs: summarize(latencies),
  };
}
