import { describe, expect, it } from 'vitest';
import { BASELINE_NAMES, type BaselineName, createBaseline } from '../baselines/baselines.ts';
import { buildSignals } from '../baselines/build-signals.ts';
import { generateCatalogue, generateSessions } from '../synthetic/index.ts';
import { createMetrics } from './metrics.ts';
import { type Prediction, replay } from './replay.ts';

const catalogue = generateCatalogue({ items: 300, categories: 12, seed: 3 });
const train = generateSessions(catalogue, { sessions: 1500, seed: 4, startTime: 1_700_000_000 });
const day = generateSessions(catalogue, { sessions: 300, seed: 5, startTime: 1_700_100_000 });

async function predictions(events: typeof day, online: boolean, name: BaselineName = 'vsknn') {
  const out: Prediction[] = [];
  await replay(createBaseline(name, buildSignals(train)), events, {
    online,
    k: 20,
    onPrediction: (p) => out.push(p),
  });
  return out;
}

describe('evaluation replay', { timeout: 60_000 }, () => {
  it('online: predictions for the early part of a day do not change when later events are added', async () => {
    const cut = day[Math.floor(day.length / 2)].time;
    const early = day.filter((e) => e.time <= cut);
    const key = (p: Prediction) => `${p.sessionId}/${p.seen}`;
    const partial = new Map((await predictions(early, true)).map((p) => [key(p), p.items]));
    const full = await predictions(day, true);
    let compared = 0;
    for (const p of full) {
      const seenTime = day.filter((e) => e.sessionId === p.sessionId)[p.seen - 1].time;
      if (seenTime > cut || !partial.has(key(p))) continue;
      expect(partial.get(key(p))).toEqual(p.items);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('online replay learns from the day itself; static does not', async () => {
    const score = (ps: Prediction[]) => {
      const m = createMetrics(20);
      for (const p of ps) m.add(p);
      return m.result();
    };
    const statics = await predictions(day, false);
    const online = await predictions(day, true);
    expect(online.length).toBe(statics.length);
    // What the day's earlier sessions teach is worth more than 2 points of HR@20 here (measured: +4).
    expect(score(online).hr - score(statics).hr).toBeGreaterThan(0.02);
    // The later half of the day's sessions, replayed alone: static predicts exactly as within the
    // whole day (nothing learnt from the other sessions), online does not.
    const ids = [...new Set(day.map((e) => e.sessionId))];
    const later = new Set(ids.slice(ids.length / 2));
    const alone = day.filter((e) => later.has(e.sessionId));
    const ofLater = (ps: Prediction[]) =>
      new Map(ps.filter((p) => later.has(p.sessionId)).map((p) => [`${p.sessionId}/${p.seen}`, p.items]));
    const staticAlone = ofLater(await predictions(alone, false));
    expect(staticAlone.size).toBeGreaterThan(300);
    expect(staticAlone).toEqual(ofLater(statics));
    expect(ofLater(await predictions(alone, true))).not.toEqual(ofLater(online));
  });

  it('every baseline beats popularity on structured data', async () => {
    const results = new Map<string, number>();
    for (const name of BASELINE_NAMES) {
      const m = createMetrics(20);
      for (const p of await predictions(day, false, name)) m.add(p);
      results.set(name, m.result().mrr);
    }
    for (const name of BASELINE_NAMES.slice(1))
      expect(results.get(name)!).toBeGreaterThan(2 * results.get('popularity')!);
  });
});
