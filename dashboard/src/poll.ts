/**
 * Short polling that pauses while the tab is hidden: `run` every `intervalMs` after the previous
 * run finished (never two at once), at once when the tab becomes visible again. The clock and the
 * page are injected so the scheduling is tested without timers or a browser.
 */

export interface PollHost {
  hidden(): boolean;
  onVisibilityChange(listener: () => void): () => void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The browser's document and timers. */
export const browserHost = (): PollHost => ({
  hidden: () => document.visibilityState === 'hidden',
  onVisibilityChange(listener) {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

/** Start polling now; the returned function stops it. `run` must not throw (its errors are its own). */
export function startPolling(run: () => Promise<void>, intervalMs: number, host: PollHost): () => void {
  let timer: unknown;
  let running = false;
  let stopped = false;
  const tick = async () => {
    timer = undefined;
    if (stopped || running || host.hidden()) return;
    running = true;
    try {
      await run();
    } catch {} // a failed poll is reported by `run` itself; the next one tries again
    running = false;
    if (!stopped && !host.hidden()) timer = host.setTimeout(tick, intervalMs);
  };
  const off = host.onVisibilityChange(() => {
    if (host.hidden()) {
      if (timer !== undefined) host.clearTimeout(timer);
      timer = undefined;
    } else if (timer === undefined) void tick();
  });
  void tick();
  return () => {
    stopped = true;
    off();
    if (timer !== undefined) host.clearTimeout(timer);
  };
}
