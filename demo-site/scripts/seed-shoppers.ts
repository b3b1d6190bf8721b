/**
 * The demo's generated shoppers after their views: about half are shown the `home` widget and some
 * the `product` widget (a real answer of the running Worker, so its `recId` and experiment variant
 * are the edge's own), then impressions, clicks, carts and orders (shopper-events.ts). Gives a
 * fresh `npm start` dashboard funnels, attributed revenue and both arms of the experiment.
 */
import type { RecommendationResponse } from '../../contracts/recommendations.ts';
import { createRandom, hashString } from '../src/catalogue/random.ts';
import { postSessionEvents } from './post-events.ts';
import { type ShownAnswer, shopperEvents } from './shopper-events.ts';

/** Share of shoppers shown the home widget, and (of the others) the product widget. */
const SHOWN_HOME = 0.5;
const SHOWN_PRODUCT = 0.4;
const CONCURRENCY = 4;

async function answerFor(
  base: string,
  key: string,
  sessionId: string,
  query: string,
): Promise<ShownAnswer | undefined> {
  const url = `${base}/v1/recommendations?key=${encodeURIComponent(key)}&session=${encodeURIComponent(sessionId)}&k=4&${query}`;
  const res = await fetch(url, { headers: { origin: base } });
  if (res.status !== 200) return undefined; // e.g. 503 before a model is published: no widget shown
  return (await res.json()) as RecommendationResponse;
}

/**
 * Let every session of `sessions` (id → the items it viewed and the time of its last view) shop;
 * returns the events posted and the orders among them.
 */
export async function seedShoppers(
  base: string,
  sessions: Map<string, { viewed: string[]; lastTs: number }>,
  priceOf: (id: string) => number,
  key: string,
  seed: number,
): Promise<{ events: number; orders: number }> {
  let events = 0;
  let orders = 0;
  const shop = async (sessionId: string, viewed: string[], lastTs: number) => {
    const random = createRandom(hashString(`${seed}:shop:${sessionId}`));
    const roll = random();
    const last = viewed[viewed.length - 1];
    const answer =
      roll < SHOWN_HOME
        ? await answerFor(base, key, sessionId, 'placement=home')
        : last && random() < SHOWN_PRODUCT
          ? await answerFor(base, key, sessionId, `placement=product&item=${encodeURIComponent(last)}`)
          : undefined;
    const list = shopperEvents({
      idPrefix: `seed-${seed}-shop-${hashString(sessionId).toString(36)}`,
      answer,
      viewed,
      after: lastTs,
      now: Date.now(),
      priceOf,
      random,
    });
    if (list.length === 0) return;
    const posted = await postSessionEvents(base, key, sessionId, list); // not `events += await`: shoppers run side by side
    events += posted;
    orders += list.filter((e) => e.type === 'purchase').length;
  };
  // A few shoppers at a time (each session is its own Durable Object): `npm start` seeds 300.
  const queue = [...sessions];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      await shop(next[0], next[1].viewed, next[1].lastTs);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { events, orders };
}
