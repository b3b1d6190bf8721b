/**
 * Bench: the work one site's SignalsDO does per call, on real sessions (prints JSON). The SignalsDO is
 * one Durable Object per site, single-threaded, so the CPU per call bounds what one site can serve:
 * `candidates` (one per recommendation: the model's `candidateFeatures` over 100 nearest items) and
 * `update` (one per accepted item interaction), plus loading the `signals.bin` artifact when the
 * object starts. Signals are built from train.tsv; valid.tsv sessions ask. SQLite writes (the trending
 * row and the journal) are not included: `bench/ingest.ts` measures the whole ingest path.
 * Usage: `npx tsx bench/signals.ts [--data-dir ../shared/data/yoochoose-100k] [--requests 2000]`
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSignals } from '../model/src/baselines/build-signals.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { groupSessions } from '../model/src/data/session-event.ts';
import { candidateFeatures, deserializeSignals, serializeSignals } from '../model/src/serve/index.ts';
import { rng, summarize } from './lib/stats.ts';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, requests: { type: 'string', default: '2000' } },
});
const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(
  root,
  values['data-dir'] ?? process.env.YOOCHOOSE_DIR ?? '../shared/data/yoochoose-100k',
);
const REQUESTS = Number(values.requests);
const random = rng(3);

const train = loadSessionFiles([join(dataDir, 'train.tsv')]).rows;
const signals = buildSignals(train);
const bytes = serializeSignals(signals);
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  deserializeSignals(bytes);
  loads.push(performance.now() - t);
}

// Requests: prefixes of valid.tsv sessions, each with 100 "nearest items" drawn from the catalogue
// (the tower's answer is not what costs here; its ids must exist in the signals, as the tower's do).
const sessions = [...groupSessions(loadSessionFiles([join(dataDir, 'valid.tsv')]).rows).values()];
const ids = signals.ids;
const asks = Array.from({ length: REQUESTS }, () => {
  const s = sessions[Math.floor(random() * sessions.length)]!;
  const prefix = s.slice(0, 1 + Math.floor(random() * s.length));
  const ann = Array.from({ length: 100 }, (_, r) => ({
    id: ids[Math.floor(random() * ids.length)]!,
    score: 1 - r / 100,
  }));
  return { items: prefix.map((e) => e.itemId), now: prefix.at(-1)!.time, ann };
});
for (const a of asks.slice(0, 200)) candidateFeatures(a.items, undefined, a.now, a.ann, signals);
const candidates: number[] = [];
let rows = 0;
for (const a of asks) {
  const t = performance.now();
  rows += candidateFeatures(a.items, undefined, a.now, a.ann, signals).ids.length;
  candidates.push(performance.now() - t);
}

// Updates: valid.tsv's clicks folded in, in time order, as the edge would receive them.
const clicks = sessions.flat().sort((a, b) => a.time - b.time);
const t0 = performance.now();
for (const c of clicks) signals.update(c);
const updateMs = (performance.now() - t0) / clicks.length;

const candidatesMs = summarize(candidates);
console.log(
  JSON.stringify(
    {
      bench: 'signals',
      note: 'CPU per SignalsDO call in Node (workerd runs the same V8); SQLite not included',
      signals: { trainEvents: train.length, items: ids.length, artifactBytes: bytes.length },
      loadArtifactMs: summarize(loads),
      candidatesMs,
      candidateRowsMean: Math.round(rows / asks.length),
      updateMsPerClick: Math.round(updateMs * 1e4) / 1e4,
      clicksFolded: clicks.length,
      // What one single-threaded object could serve if it did nothing else.
      ceilingRecommendationsPerSec: Math.round(1000 / candidatesMs.mean),
      ceilingClicksPerSec: Math.round(1000 / updateMs),
    },
    null,
    2,
  ),
);
