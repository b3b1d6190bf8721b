/** Axis helpers shared by the plots: linear maps and "nice" tick values. Pure. */

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to the range's start. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

/**
 * Round tick values from 0 to at least `max` (1, 2 or 5 × 10^n steps), about `count` of them;
 * the last tick is the top of the axis. A max of 0 (no data yet) still gives an axis 0…1.
 */
export function niceTicks(max: number, count = 4): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  // Rounded so 0.1 + 0.2 style sums do not print as 0.30000000000000004.
  for (let i = 0; i * step < top + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  if (ticks[ticks.length - 1]! < top) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** Ticks for a time axis of [from, to] ms: whole hours or days, at most `count` of them. */
export function timeTicks(from: number, to: number, count = 6): number[] {
  const HOUR = 3_600_000;
  const steps = [1, 2, 3, 6, 12, 24, 48, 72, 168].map((h) => h * HOUR);
  const step = steps.find((s) => (to - from) / s <= count) ?? Math.ceil((to - from) / count / HOUR) * HOUR;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
