/**
 * Other shoppers for the demo: sessions generated for the demo catalogue, posted to
 * `POST /v1/events` as if they had just happened, so "trending" and the online signals have
 * something to start from. Used by `npm start` on a fresh state, the browser tests and the benches.
 */
import { generateSessions } from '../../model/src/synthetic/index.ts';
import { demoCatalogue } from '../src/catalogue/catalogue.ts';

/** Post `sessions` generated sessions (views, ending within the last hour) for site `key`. */
export async function seedTraffic(base: string, sessions = 200, key = 'demo', seed = 99): Promise<number> {
  const events = generateSessions(demoCatalogue(), {
    sessions,
    seed,
    startTime: 0,
    sessionsPerHour: sessions,
  });
  const shift = Date.now() - 3_600_000 - Math.min(...events.map((e) => e.time)) * 1000;
  const bySession = new Map<string, { id: string; type: 'view'; ts: number; itemId: string }[]>();
  events.forEach((e, i) => {
    const list = bySession.get(e.sessionId) ?? [];
    const ts = Math.min(Date.now(), Math.round(e.time * 1000 + shift));
    list.push({ id: `seed-${seed}-${i}`, type: 'view', ts, itemId: e.itemId });
    bySession.set(e.sessionId, list);
  });
  let posted = 0;
  for (const [sessionId, list] of bySession) {
    for (let i = 0; i < list.length; i += 100) {
      const res = await fetch(`${base}/v1/events?key=${encodeURIComponent(key)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({
          sessionId: `seed${seed}-${sessionId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64),
          consent: { analytics: true, personalization: true },
          events: list.slice(i, i + 100),
        }),
      });
      if (res.status !== 202)
        throw new Error(`seeding traffic: POST /v1/events answered ${res.status} ${await res.text()}`);
      posted += Math.min(100, list.length - i);
    }
  }
  return posted;
}
