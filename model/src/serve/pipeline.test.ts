import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBaseline } from '../baselines/baselines.ts';
import { buildSignals } from '../baselines/build-signals.ts';
import { summarize } from '../data/dataset.ts';
import { groupSessions } from '../data/session-event.ts';
import { evaluate } from '../eval/evaluate.ts';
import { type Prediction, replay } from '../eval/replay.ts';
import { servedRecommender } from '../eval/served-recommender.ts';
import { buildArtifacts } from '../export/artifacts.ts';
import { loadServedModel } from '../export/model-files.ts';
import { writeModelFolder } from '../export/model-folder.ts';
import { generateCatalogue, generateSessions } from '../synthetic/index.ts';
import { dequantizeSessionTower, quantizeSessionTower } from '../tower/quantized-tower.ts';
import { sessionTowerForward } from '../tower/session-tower.ts';
import { sessionTowerOf } from '../train/params.ts';
import { trainTwoTower } from '../train/train.ts';
import { recommend, sessionInput } from './pipeline.ts';
import { DEFAULT_RERANK_WEIGHTS } from './rerank.ts';
import { deserializeSignals, serializeSignals } from './signals-codec.ts';

const dir = mkdtempSync(join(tmpdir(), 'model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalogue = generateCatalogue({ items: 250, categories: 10, seed: 21 });
const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
const train = generateSessions(catalogue, { sessions: 1200, seed: 22, startTime: 1_700_000_000 });
const day = generateSessions(catalogue, { sessions: 150, seed: 23, startTime: 1_700_500_000 });
const model = trainTwoTower(train, { dim: 16, epochs: 3, batchSize: 128 }, features);
const signals = buildSignals(train);
const { files, manifest } = buildArtifacts(model, signals, features, {
  sources: ['synthetic'],
  summary: summarize(train),
  weights: DEFAULT_RERANK_WEIGHTS,
  candidates: 100,
});
writeModelFolder(dir, files, manifest);
const sessions = [...groupSessions(day).values()];
// Loaded once for the tests that do not update online signals.
const shared = loadServedModel(dir);

describe('served pipeline', { timeout: 60_000 }, () => {
  it('runs the int8 ONNX tower in onnxruntime-web with the output of the TypeScript reference', async () => {
    const served = await shared;
    const reference = dequantizeSessionTower(quantizeSessionTower(sessionTowerOf(model.params)));
    let worst = 0;
    for (const s of sessions.slice(0, 30)) {
      const input = sessionInput(served, s);
      const got = await served.runner.run(input);
      const want = sessionTowerForward(reference, input.items, input.ages);
      want.forEach((v, j) => {
        worst = Math.max(worst, Math.abs(v - got[j]));
      });
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('recommends k distinct items, the same for the same input', async () => {
    const served = await shared;
    const a = await recommend(served, sessions[0], 20, sessions[0][0].sessionId);
    const b = await recommend(served, sessions[0], 20, sessions[0][0].sessionId);
    expect(a).toHaveLength(20);
    expect(new Set(a.map((x) => x.id)).size).toBe(20);
    expect(b).toEqual(a);
  });

  it('beats popularity by far on structured data', async () => {
    const served = await evaluate(servedRecommender(await shared), day, false);
    const popularity = await evaluate(createBaseline('popularity', buildSignals(train)), day, false);
    expect(served.hr).toBeGreaterThan(2 * popularity.hr);
    expect(served.mrr).toBeGreaterThan(2 * popularity.mrr);
  });

  it('keeps its online signals across serialisation', async () => {
    const copy = deserializeSignals(serializeSignals(signals));
    for (const e of day.slice(0, 200)) {
      signals.update(e);
      copy.update(e);
    }
    expect(serializeSignals(copy)).toEqual(serializeSignals(signals));
    const served = await shared;
    const restored = { ...served, signals: copy };
    const original = { ...served, signals };
    for (const s of sessions.slice(0, 10))
      expect(await recommend(restored, s, 10, s[0].sessionId)).toEqual(
        await recommend(original, s, 10, s[0].sessionId),
      );
  });

  it('online replay: early predictions are identical with or without the rest of the day', async () => {
    const cut = day[Math.floor(day.length / 3)].time;
    const run = async (events: typeof day) => {
      const out = new Map<string, Prediction>();
      await replay(servedRecommender(await loadServedModel(dir)), events, {
        online: true,
        k: 20,
        onPrediction: (p) => out.set(`${p.sessionId}/${p.seen}`, p),
      });
      return out;
    };
    const early = await run(day.filter((e) => e.time <= cut));
    const full = await run(day);
    const times = new Map([...groupSessions(day)].map(([id, s]) => [id, s.map((e) => e.time)]));
    let compared = 0;
    for (const [key, p] of full) {
      if (times.get(p.sessionId)![p.seen - 1] > cut || !early.has(key)) continue;
      expect(early.get(key)!.items).toEqual(p.items);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });
});
