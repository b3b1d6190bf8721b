/**
 * Synthetic click sessions calibrated on the YooChoose sample (train-full.tsv): session length
 * log-normal (log-length mean ≈ 1.18, sd ≈ 0.56, median 3, p99 ≈ 18), Zipf popularity (slope −1),
 * a latent category per session that switches now and then, the previous item repeated ≈ 26% of the
 * time and some earlier item ≈ 10%, click gaps log-normal with median ≈ 55 s (p90 ≈ 300 s). On top,
 * each item has a few "related" items (bought-together structure) that sessions walk along, so that
 * co-occurrence, sequential rules and session-kNN have something to find, as on real data.
 */
import type { SessionEvent } from '../data/session-event.ts';
import { createRandom, gaussian, pickCumulative, type Random, shuffle } from '../random.ts';
import type { CatalogueItem } from './catalogue.ts';

/** Options of `generateSessions`. */
export interface SessionOptions {
  sessions: number;
  seed: number;
  /** Unix seconds of the first session start. */
  startTime: number;
  /** Mean session starts per hour (YooChoose sample ≈ 120). */
  sessionsPerHour?: number;
}

/** Behaviour constants, measured on the YooChoose sample or tuned so the baselines score alike. */
export const SYNTHETIC_BEHAVIOUR = {
  logLengthMu: 1.2,
  logLengthSigma: 0.72,
  maxLength: 200,
  repeatPrevious: 0.24,
  repeatEarlier: 0.08,
  switchCategory: 0.15,
  followRelated: 0.4,
  relatedPerItem: 8,
  gapMedianSeconds: 55,
  gapLogSigma: 1.32,
} as const;

interface World {
  itemCum: Float64Array[];
  itemsOf: number[][];
  related: { ids: number[]; cum: Float64Array }[];
  categoryCum: Float64Array;
  categoryOf: number[];
}

const cumulative = (weights: number[]) => {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    out[i] = s;
  });
  return out;
};

/** Popularity, category membership and related items, all derived from the seed. */
function buildWorld(catalogue: readonly CatalogueItem[], rand: Random): World {
  const names = [...new Set(catalogue.map((i) => i.category))];
  const categoryOf = catalogue.map((i) => names.indexOf(i.category));
  // Zipf–Mandelbrot popularity 1/(rank + 20): slope ≈ −1 in the tail, a flatter head (top item ≈ 1%).
  const rank = shuffle(
    rand,
    catalogue.map((_, i) => i),
  );
  const weight = new Array<number>(catalogue.length);
  rank.forEach((item, r) => {
    weight[item] = 1 / (r + 20);
  });
  const itemsOf = names.map(() => [] as number[]);
  catalogue.forEach((_, i) => {
    itemsOf[categoryOf[i]].push(i);
  });
  const itemCum = itemsOf.map((ids) => cumulative(ids.map((i) => weight[i])));
  const categoryCum = cumulative(itemsOf.map((ids) => ids.reduce((s, i) => s + weight[i], 0)));
  const related = catalogue.map((_, i) => {
    const peers = itemsOf[categoryOf[i]];
    const ids: number[] = [];
    for (
      let k = 0;
      k < SYNTHETIC_BEHAVIOUR.relatedPerItem * 3 && ids.length < SYNTHETIC_BEHAVIOUR.relatedPerItem;
      k++
    ) {
      const j = peers[pickCumulative(rand, itemCum[categoryOf[i]])];
      if (j !== i && !ids.includes(j)) ids.push(j);
    }
    // Decreasing strength: the first related item is the strongest.
    return { ids, cum: cumulative(ids.map((_, k) => 1 / (k + 1))) };
  });
  return { itemCum, itemsOf, related, categoryCum, categoryOf };
}

function sessionLength(rand: Random): number {
  const { logLengthMu, logLengthSigma, maxLength } = SYNTHETIC_BEHAVIOUR;
  const len = Math.floor(Math.exp(logLengthMu + logLengthSigma * gaussian(rand)));
  return Math.min(maxLength, Math.max(2, len));
}

function nextItem(world: World, rand: Random, session: number[], category: number): number {
  const b = SYNTHETIC_BEHAVIOUR;
  const prev = session[session.length - 1];
  const u = rand();
  if (u < b.repeatPrevious) return prev;
  const earlier = session.filter((i) => i !== prev);
  if (u < b.repeatPrevious + b.repeatEarlier && earlier.length > 0)
    return earlier[Math.floor(rand() * earlier.length)];
  const rel = world.related[prev];
  if (world.categoryOf[prev] === category && rel.ids.length > 0 && rand() < b.followRelated)
    return rel.ids[pickCumulative(rand, rel.cum)];
  return world.itemsOf[category][pickCumulative(rand, world.itemCum[category])];
}

/**
 * Generate click sessions over `catalogue`; deterministic for a seed. Events come grouped by
 * session (sessions in start order), each session in time order; times are Unix seconds.
 */
export function generateSessions(
  catalogue: readonly CatalogueItem[],
  options: SessionOptions,
): SessionEvent[] {
  const { sessions, seed, startTime, sessionsPerHour = 120 } = options;
  if (catalogue.length < 2) throw new Error('catalogue must hold at least 2 items');
  if (!Number.isInteger(sessions) || sessions < 0) throw new Error('sessions must be a non-negative integer');
  if (!Number.isFinite(startTime)) throw new Error('startTime must be Unix seconds');
  const rand = createRandom(seed);
  const world = buildWorld(catalogue, rand);
  const b = SYNTHETIC_BEHAVIOUR;
  const events: SessionEvent[] = [];
  let start = startTime;
  for (let s = 0; s < sessions; s++) {
    start += (-Math.log(1 - rand()) * 3600) / sessionsPerHour;
    const sessionId = `syn${String(s + 1).padStart(6, '0')}`;
    let category = pickCumulative(rand, world.categoryCum);
    const first = world.itemsOf[category][pickCumulative(rand, world.itemCum[category])];
    const items = [first];
    const length = sessionLength(rand);
    while (items.length < length) {
      if (rand() < b.switchCategory) category = pickCumulative(rand, world.categoryCum);
      items.push(nextItem(world, rand, items, category));
    }
    let time = start;
    items.forEach((item, k) => {
      if (k > 0) time += b.gapMedianSeconds * Math.exp(b.gapLogSigma * gaussian(rand));
      events.push({ sessionId, itemId: catalogue[item].id, time: Math.round(time * 1000) / 1000 });
    });
  }
  return events;
}
