/**
 * Bench: what starting a returning visitor's session from their profile's history does to HR@20.
 * Real returning visitors are not marked in YooChoose, so they are simulated: every valid session
 * with at least `--min-length` clicks is split in two, the first half an earlier visit `--gap-hours`
 * before the second. For each click of the second visit after its first, the next click is
 * predicted by the served pipeline (static: signals from training only) from
 * - `cold`: the second visit's clicks so far (what the edge did before profiles), and
 * - `warm`: the first visit's last clicks (at most 50, what a profile keeps) followed by them, as
 *   the edge now gives the session tower and the re-rank (people/interactions.ts `withHistory`);
 * - `unrelated`: as `warm`, but with another visitor's first visit as the history (the next split's),
 *   a control for a returning visitor who comes back for something else;
 * - `historyUntil`: the same two with the history used only while the visit has fewer than n clicks
 *   of its own (`all`: always, what the edge does).
 * `firstClick`: the second visit's first click, predicted from the history alone (`warm`) or by
 * popularity (`cold`: the edge answers a session without history with trending). Prints JSON.
 * Usage: `npx tsx bench/returning-visitors.ts --model <dir trained on train.tsv>
 *   [--valid ../shared/data/yoochoose-100k/valid.tsv] [--min-length 6] [--gap-hours 0,24,168]`
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBaseline } from '../model/src/baselines/baselines.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { groupSessions, type SessionEvent } from '../model/src/data/session-event.ts';
import { createMetrics } from '../model/src/eval/metrics.ts';
import { servedRecommender } from '../model/src/eval/served-recommender.ts';
import { loadServedModel } from '../model/src/export/model-files.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    valid: { type: 'string', default: '../shared/data/yoochoose-100k/valid.tsv' },
    'min-length': { type: 'string', default: '6' },
    'gap-hours': { type: 'string', default: '0,24,168' },
    'history-until': { type: 'string', default: '1,3,all' },
  },
});
if (!values.model) throw new Error('--model <dir> is required (a model trained on train.tsv)');
const root = resolve(import.meta.dirname, '..');
const K = 20;
const HISTORY_LIMIT = 50; // PROFILE_HISTORY_LIMIT
const minLength = Number(values['min-length']);
const valid = loadSessionFiles([resolve(root, values.valid!)]).rows;
const splits = [...groupSessions(valid).values()]
  .filter((s) => s.length >= minLength)
  .map((s) => {
    const half = Math.floor(s.length / 2);
    return { first: s.slice(0, half), second: s.slice(half) };
  });
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const untils = values['history-until']!.split(',').map((u) =>
  u === 'all' ? Number.POSITIVE_INFINITY : Number(u),
);

const model = await loadServedModel(resolve(root, values.model));
const served = servedRecommender(model);
const popularity = createBaseline('popularity', model.signals);

/** The second visit's predictions, cold and warm (history shifted `gapSec` before the visit). */
async function score(gapSec: number) {
  const cold = createMetrics(K);
  const warm = createMetrics(K);
  const unrelated = createMetrics(K);
  const firstCold = createMetrics(K);
  const firstWarm = createMetrics(K);
  const firstUnrelated = createMetrics(K);
  const byUntil = untils.map(() => ({ warm: createMetrics(K), unrelated: createMetrics(K) }));
  const asHistory = (first: readonly SessionEvent[], start: number): SessionEvent[] => {
    // The earlier visit as a profile holds it, moved to end at least `gapSec` before `start`.
    const shift = Math.max(0, gapSec - (start - first[first.length - 1].time));
    return first.slice(-HISTORY_LIMIT).map((e) => ({ ...e, time: e.time - shift }));
  };
  for (const [n, { first, second }] of splits.entries()) {
    const history = asHistory(first, second[0].time);
    const other = splits[(n + 1) % splits.length].first;
    const otherHistory = asHistory(
      other.map((e) => ({ ...e, time: e.time - other[other.length - 1].time + second[0].time })),
      second[0].time,
    );
    const next = second[0].itemId;
    firstWarm.add({ next, items: await served.recommend(history, K) });
    firstCold.add({ next, items: await popularity.recommend([], K) });
    firstUnrelated.add({ next, items: await served.recommend(otherHistory, K) });
    for (let at = 0; at < second.length - 1; at++) {
      const prefix = second.slice(0, at + 1);
      const p = { next: second[at + 1].itemId };
      const coldItems = await served.recommend(prefix, K);
      const warmItems = await served.recommend([...history, ...prefix].slice(-HISTORY_LIMIT), K);
      const unrelatedItems = await served.recommend([...otherHistory, ...prefix].slice(-HISTORY_LIMIT), K);
      cold.add({ ...p, items: coldItems });
      warm.add({ ...p, items: warmItems });
      unrelated.add({ ...p, items: unrelatedItems });
      untils.forEach((u, i) => {
        byUntil[i].warm.add({ ...p, items: prefix.length < u ? warmItems : coldItems });
        byUntil[i].unrelated.add({ ...p, items: prefix.length < u ? unrelatedItems : coldItems });
      });
    }
  }
  const r = (m: ReturnType<typeof createMetrics>) => {
    const x = m.result();
    return { hr20: round(x.hr), mrr20: round(x.mrr), predictions: x.n };
  };
  return {
    gapHours: gapSec / 3600,
    cold: r(cold),
    warm: r(warm),
    unrelated: r(unrelated),
    firstClick: { cold: r(firstCold), warm: r(firstWarm), unrelated: r(firstUnrelated) },
    historyUntil: untils.map((u, i) => ({
      ownClicksBelow: Number.isFinite(u) ? u : 'all',
      warm: r(byUntil[i].warm),
      unrelated: r(byUntil[i].unrelated),
    })),
  };
}

const results = [];
for (const gap of values['gap-hours']!.split(',').map(Number)) {
  const result = await score(gap * 3600);
  results.push(result);
  process.stderr.write(
    `gap ${gap} h: HR@20 cold ${result.cold.hr20}, warm ${result.warm.hr20}, unrelated ${result.unrelated.hr20}\n`,
  );
}
console.log(
  JSON.stringify(
    {
      bench: 'returning-visitors',
      note: 'valid sessions split in two (first half = an earlier visit); served pipeline, static signals; the split keeps one intent across both visits, so real returning visitors gain less',
      sessions: splits.length,
      minLength,
      results,
    },
    null,
    2,
  ),
);
