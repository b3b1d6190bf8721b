/**
 * Other shoppers for the demo: sessions generated for the demo catalogue, posted to
 * `POST /v1/events` as if they had just happened, so "trending" and the online signals have
 * something to start from; then (unless `shoppers: false`) some of them see a widget, click, add to
 * cart and order (seed-shoppers.ts), so the owner's dashboard has funnels, revenue and experiment
 * arms to show. Used by `npm start` on a fresh state, the browser tests and the benches.
 */
import { generateSessions } from '../../model/src/synthetic/index.ts';
import { demoCatalogue } from '../src/catalogue/catalogue.ts';
import { postSessionEvents, type WireEvent } from './post-events.ts';
import { seedShoppers } from './seed-shoppers.ts';

/**
 * Post `sessions` generated sessions (views, ending within the last hour) for site `key`, then their
 * shopping; returns the number of events posted.
 */
export async function seedTraffic(
  base: string,
  sessions = 200,
  key = 'demo',
  seed = 99,
  { shoppers = true }: { shoppers?: boolean } = {},
): Promise<number> {
  const catalogue = demoCatalogue();
  const events = generateSessions(catalogue, {
    sessions,
    seed,
    startTime: 0,
    sessionsPerHour: sessions,
  });
  const shift = Date.now() - 3_600_000 - Math.min(...events.map((e) => e.time)) * 1000;
  const bySession = new Map<string, WireEvent[]>();
  events.forEach((e, i) => {
    const sessionId = `seed${seed}-${e.sessionId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
    const list = bySession.get(sessionId) ?? [];
    const ts = Math.min(Date.now(), Math.round(e.time * 1000 + shift));
    list.push({ id: `seed-${seed}-${i}`, type: 'view', ts, itemId: e.itemId });
    bySession.set(sessionId, list);
  });
  let posted = 0;
  for (const [sessionId, list] of bySession) posted += await postSessionEvents(base, key, sessionId, list);
  if (!shoppers) return posted;
  // Second pass, once every view is in: the widgets' answers then draw on the whole traffic.
  const prices = new Map(catalogue.map((p) => [p.id, p.price]));
  const views = new Map(
    [...bySession].map(([id, list]) => [
      id,
      { viewed: list.map((e) => e.itemId!), lastTs: Math.max(...list.map((e) => e.ts)) },
    ]),
  );
  const shopped = await seedShoppers(base, views, (id) => prices.get(id) ?? 0, key, seed);
  return posted + shopped.events;
}
