/**
 * Server-Timing for an answer: named stages (session, tower, ann, rerank, ...) in ms. workerd only
 * advances the clock on I/O (a Spectre mitigation), so purely CPU-bound stages can read 0 in
 * production; stages that wait on another object or the index measure truly.
 */

/** Collects stage durations in order. */
export class Stopwatch {
  private readonly stages: [string, number][] = [];
  private last = Date.now();

  /** Close the current stage under `name` (time since the previous lap). */
  lap(name: string): void {
    const now = Date.now();
    this.stages.push([name, now - this.last]);
    this.last = now;
  }

  /** Add a duration measured elsewhere (e.g. inside a Durable Object). */
  add(name: string, ms: number): void {
    this.stages.push([name, ms]);
  }

  /** Durations by stage (summed when a stage repeats). */
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, ms] of this.stages) out[name] = (out[name] ?? 0) + ms;
    return out;
  }
}

/** The Server-Timing header value for stage durations. */
export function serverTiming(stages: Record<string, number>): string {
  return Object.entries(stages)
    .map(([name, ms]) => `${name};dur=${Math.round(ms * 100) / 100}`)
    .join(', ');
}
