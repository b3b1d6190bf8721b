/** Bench helper: `POST /v1/events` of one view per item for `session`, the last one now. */

let sent = 0; // keeps ids unique when one session sends twice in the same millisecond

/** Views of `items` in order, `gapMs` apart; throws unless the edge answers 202. */
export async function trackViews(
  url: string,
  session: string,
  items: string[],
  gapMs = 30_000,
): Promise<void> {
  const now = Date.now();
  const events = items.map((itemId, i) => ({
    id: `e-${session}-${now}-${i}-${sent++}`,
    type: 'view',
    ts: now - (items.length - i) * gapMs,
    itemId,
  }));
  const res = await fetch(`${url}/v1/events?key=demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: session, consent: { analytics: true, personalization: true }, events }),
  });
  if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
}
