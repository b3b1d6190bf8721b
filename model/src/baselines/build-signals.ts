/** Online signals from a batch of events, folded in time order as the edge would have seen them. */
import type { SessionEvent } from '../data/session-event.ts';
import { DEFAULT_SIGNAL_CONFIG, OnlineSignals, type SignalConfig } from '../serve/signals.ts';

/** Events sorted by time (ties: session id, then input order) — the order the edge would see. */
export function timeOrdered(events: readonly SessionEvent[]): SessionEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.time - b.e.time ||
        (a.e.sessionId < b.e.sessionId ? -1 : a.e.sessionId > b.e.sessionId ? 1 : a.i - b.i),
    )
    .map(({ e }) => e);
}

/** Build signals from training events. */
export function buildSignals(
  events: readonly SessionEvent[],
  config: SignalConfig = DEFAULT_SIGNAL_CONFIG,
): OnlineSignals {
  const signals = new OnlineSignals(config);
  for (const e of timeOrdered(events)) signals.update(e);
  return signals;
}
