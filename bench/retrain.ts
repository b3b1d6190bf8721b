/**
 * Retrain benchmark (prints JSON): wall time, CPU time and peak RSS of the retrain loop (load the
 * log, split, train the candidate, score it, refit on the whole log; bench/lib/retrain-child.ts,
 * one process per run) from scratch and warm-started from the cold run's output, on train-full.tsv
 * written as an event log (~70k events) and on generated logs at YooChoose's shape (`1m`: 1M events).
 * Usage: tsx bench/retrain.ts [--data-dir ../shared/data/yoochoose-100k] [--sizes 70k,1m]
 *   [--epochs n] [--warm-epochs n] [--epochs-1m n] [--eval-fraction-1m f]
 * (`--epochs-1m` and `--eval-fraction-1m` apply to every generated size)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { syntheticLog, writeLogFile } from './lib/log-file.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    sizes: { type: 'string' },
    epochs: { type: 'string' },
    'warm-epochs': { type: 'string' },
    'epochs-1m': { type: 'string' },
    'eval-fraction-1m': { type: 'string' },
  },
});
const dataDir = resolve(
  root,
  values['data-dir'] ?? process.env.YOOCHOOSE_DIR ?? '../shared/data/yoochoose-100k',
);
const sizes = (values.sizes ?? '70k,1m').split(',');
const log = (line: string) => process.stderr.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'retrain-bench-'));

/** Run the child on `logFile`; its JSON line, or a throw with its stderr. */
function child(args: string[]): Record<string, unknown> {
  log(`retrain-child ${args.join(' ')}`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/lib/retrain-child.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) throw new Error(`retrain-child exited ${r.status}`);
  const line = r.stdout.trim().split('\n').pop() ?? '{}';
  log(`result: ${line}`); // each run as it ends: the 1M runs take long on a shared machine
  return JSON.parse(line);
}

/** Cold run, then a warm run from its output, on the same log. */
function coldAndWarm(name: string, logFile: string, extra: string[], epochs?: string, warmEpochs?: string) {
  const cold = join(work, `${name}-cold`);
  const e = (n: string | undefined) => (n === undefined ? [] : ['--epochs', n]);
  const coldRun = child(['--log', logFile, '--out', cold, ...extra, ...e(epochs)]);
  const warmRun = child([
    '--log',
    logFile,
    '--out',
    join(work, `${name}-warm`),
    '--warm',
    cold,
    ...extra,
    ...e(warmEpochs),
  ]);
  return { logMB: Math.round(statSync(logFile).size / 1e5) / 10, cold: coldRun, warm: warmRun };
}

/** Generate the log and its catalogue into files; only the counts stay in this process. */
function writeSynthetic(n: number, file: string, items: string) {
  const { catalogue, events } = syntheticLog(n);
  writeLogFile(file, events);
  writeFileSync(items, JSON.stringify(catalogue.map(({ id, category, price }) => ({ id, category, price }))));
  return { events: events.length, items: catalogue.length };
}

const out: Record<string, unknown> = { machine: 'shared 2-core; CPU seconds are the steadier figure' };
try {
  if (sizes.includes('70k')) {
    const file = join(work, 'train-full.ndjson');
    writeLogFile(file, loadSessionFiles([join(dataDir, 'train-full.tsv')]).rows);
    out.trainFull = coldAndWarm('70k', file, [], values.epochs, values['warm-epochs'] ?? '2');
  }
  for (const size of sizes.filter((s) => s !== '70k')) {
    const n = Number.parseFloat(size) * (size.endsWith('m') ? 1e6 : size.endsWith('k') ? 1e3 : 1);
    const file = join(work, `synthetic-${size}.ndjson`);
    const items = join(work, `catalogue-${size}.json`);
    const shape = writeSynthetic(n, file, items);
    const fraction = ['--eval-fraction', values['eval-fraction-1m'] ?? '0.05', '--items', items];
    const epochs = values['epochs-1m'] ?? '1';
    out[`synthetic-${size}`] = { ...shape, ...coldAndWarm(size, file, fraction, epochs, epochs) };
  }
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
