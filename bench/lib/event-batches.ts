/**
 * Event batches as visitors' SDKs send them (bench/ingest.ts, bench/profile-ingest.ts): 20 events
 * of realistic types over 5,000 items, each batch for the next of `sessions` session ids in round
 * robin, every event id unique to the run.
 */
export const BATCH = 20;
const TYPES = ['view', 'view', 'view', 'product_click', 'cart_add', 'page', 'impression', 'cart_remove'];

export function eventBatches(opts: { sessions: number; analytics: boolean }): () => string {
  const run = `b${Date.now().toString(36)}`;
  let requestNo = 0;
  return () => {
    const n = requestNo++;
    const sessionId = `${run}_${(n % opts.sessions).toString().padStart(6, '0')}`;
    const now = Date.now();
    const events = Array.from({ length: BATCH }, (_, k) => ({
      id: `${run}_${n}_${k}`,
      type: TYPES[(n + k) % TYPES.length],
      ts: now - (BATCH - k) * 50,
      itemId: `item-${(n * 7 + k * 13) % 5000}`,
    }));
    return JSON.stringify({
      sessionId,
      consent: { analytics: opts.analytics, personalization: true },
      events,
    });
  };
}

/** `SITE_KEYS` for a site whose one address plays every visitor (per-address limits off). */
export const BENCH_SITE_KEYS = JSON.stringify({
  bench: { origins: ['http://localhost'], limits: { eventsPerIp: 'off', sessionsPerIp: 'off' } },
});
