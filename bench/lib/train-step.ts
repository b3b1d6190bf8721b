/**
 * The training step alone, as a Workflow step would run it (no onnxruntime, no scoring): load a
 * log, train, build the artifacts. Prints one JSON line: CPU seconds per phase, peak RSS and the
 * largest V8 heap seen (sampled after each epoch), against the Workers isolate's 128 MB.
 * Usage: tsx bench/lib/train-step.ts --log <file> [--epochs n] [--items <json>]
 */
import { parseArgs } from 'node:util';
import { buildSignals } from '../../model/src/baselines/build-signals.ts';
import { loadCatalogue, loadEvents } from '../../model/src/cli/load-input.ts';
import { summarize } from '../../model/src/data/dataset.ts';
import { buildArtifacts } from '../../model/src/export/artifacts.ts';
import { DEFAULT_CANDIDATES, DEFAULT_RERANK_WEIGHTS } from '../../model/src/serve/rerank.ts';
import { trainTwoTower } from '../../model/src/train/train.ts';

const { values } = parseArgs({
  options: { log: { type: 'string' }, epochs: { type: 'string' }, items: { type: 'string' } },
});
if (!values.log) throw new Error('--log is required');
const mb = (bytes: number) => Math.round(bytes / 1048576);
let heapPeak = 0;
const sample = () => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const phases: Record<string, number> = {};
const phase = <T>(name: string, run: () => T): T => {
  const start = cpu();
  const out = run();
  sample();
  phases[name] = Math.round((cpu() - start) * 10) / 10;
  return out;
};
const baseline = process.memoryUsage();
const features = values.items ? loadCatalogue(values.items) : new Map();
const events = phase('load', () => loadEvents([values.log!], 0, () => {}));
const epochs = Number(values.epochs ?? 4);
const model = phase('train', () => trainTwoTower(events, { epochs }, features, sample));
const signals = phase('signals', () => buildSignals(events));
phase('artifacts', () =>
  buildArtifacts(model, signals, features, {
    sources: ['bench'],
    summary: summarize(events),
    weights: DEFAULT_RERANK_WEIGHTS,
    candidates: DEFAULT_CANDIDATES.ann,
  }),
);
process.stdout.write(
  `${JSON.stringify({
    events: events.length,
    epochs,
    cpuSeconds: phases,
    cpuSecondsPerEpoch: Math.round((phases.train / epochs) * 10) / 10,
    heapBeforeMB: mb(baseline.heapUsed),
    heapPeakMB: mb(heapPeak),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
