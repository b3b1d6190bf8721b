/**
 * The bench side of the capacity meter (edge/src/meter/): read and zero a `wrangler dev` server's
 * counters, and count what one action causes once everything it set off has finished.
 */

export type Counts = Record<string, number>;

/** The server's counters; `reset` zeroes them after reading. */
export async function readMeter(url: string, reset = false): Promise<Counts> {
  const res = await fetch(`${url}/v1/__meter${reset ? '?reset=1' : ''}`);
  if (!res.ok) throw new Error(`meter: ${res.status} (start the server with CAPACITY_METER=on)`);
  return (await res.json()) as Counts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until the counters stay the same for `quietMs` (background RPCs, waitUntil work) or `maxMs`. */
export async function settle(url: string, quietMs = 200, maxMs = 3000): Promise<Counts> {
  const deadline = Date.now() + maxMs;
  let last = JSON.stringify(await readMeter(url));
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const now = JSON.stringify(await readMeter(url));
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) break;
  }
  return JSON.parse(last) as Counts;
}

/**
 * The counters one run of `action` causes, over `repeat` runs after 3 uncounted ones (one-time work:
 * a first load, a schema): mean and median per run, and the keys that varied. A run during which
 * `background(counts)` is true (work on a timer, not the call's: a replica refresh, a queue
 * consumer's batch) is discarded and run again, at most `repeat` more times.
 */
export async function countPerCall(
  url: string,
  repeat: number,
  action: (i: number) => Promise<void>,
  background: (counts: Counts) => boolean = () => false,
): Promise<{ perCall: Counts; median: Counts; varies: Record<string, [number, number]>; discarded: number }> {
  const runs: Counts[] = [];
  let discarded = 0;
  for (let i = 0; i < 3; i++) await action(-1 - i);
  for (let i = 0; runs.length < repeat && i < 2 * repeat; i++) {
    await readMeter(url, true);
    await action(i);
    const counts = await settle(url);
    if (background(counts)) discarded++;
    else runs.push(counts);
  }
  await readMeter(url, true);
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))].sort();
  const perCall: Counts = {};
  const median: Counts = {};
  const varies: Record<string, [number, number]> = {};
  for (const key of keys) {
    const values = runs.map((r) => r[key] ?? 0);
    perCall[key] = Math.round((100 * values.reduce((a, b) => a + b, 0)) / runs.length) / 100;
    median[key] = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [min, max] = [Math.min(...values), Math.max(...values)];
    if (min !== max) varies[key] = [min, max];
  }
  return { perCall, median, varies, discarded };
}

/** Subrequests of a count (Durable Object calls, D1 calls, R2 operations, Queue sends, fetches). */
export function subrequests(counts: Counts): number {
  let n = 0;
  for (const [key, value] of Object.entries(counts)) {
    if (/^(do|r2):/.test(key) || /^d1:\w+\.calls$/.test(key) || /^queue:\w+\.sends$/.test(key)) n += value;
    if (key === 'fetch:subrequests') n += value;
  }
  return Math.round(n * 100) / 100;
}
