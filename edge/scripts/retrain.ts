/**
 * `npm run retrain -- --from <ms|ISO> --to <ms|ISO> --out <dir> [...]` (options and exit codes in
 * retrain/options.ts): one retraining loop for a shop. Downloads the event log of the range through
 * the admin export route and the site's catalogue (item features), trains a candidate on all but
 * the newest slice (retrain/split.ts), scores it and the active model on that slice, gates
 * (model/src/eval/gate.ts), and when it passes (or with `--publish force`) refits on the whole
 * range into `--out` and publishes that through the blue/green swap of publish-model. Prints the
 * decision as JSON, writes it to `<out>/decision.json` and stores its record on the Worker for the
 * dashboard (retrain/record.ts). Both trainings start from the active
 * model's weights when its folder holds a checkpoint (retrain/warm-source.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../../model/src/cli/args.ts';
import { retrainRecord } from '../../model/src/retrain/record.ts';
import type { ItemFeatures } from '../../model/src/train/item-features.ts';
import { adminToken } from './admin-token.ts';
import { AdminClient } from './publish/admin-client.ts';
import { readStore } from './publish/store-items.ts';
import { publish } from './publish-model.ts';
import { activeFolder } from './retrain/active-model.ts';
import { downloadLog } from './retrain/download-log.ts';
import { retrainLoop } from './retrain/loop.ts';
import { parseRetrainOptions, USAGE } from './retrain/options.ts';
import { storeRetrainRecord } from './retrain/record.ts';
import { warmSource } from './retrain/warm-source.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const o = parseRetrainOptions(argv);
  const token = adminToken(o.token);
  const admin = new AdminClient(o.url, token);
  // Before anything is downloaded: a missing or wrong --active fails in a second, not after training.
  const active = await activeFolder(admin, o.active && resolve(o.active), o.publish === 'force');
  const work = mkdtempSync(join(tmpdir(), 'retrain-'));
  try {
    const logFile = join(work, 'log.ndjson');
    const download = await downloadLog(o.url, token, o, logFile, o.site);
    const features = new Map<string, ItemFeatures>();
    if (o.site) {
      for (const [id, { category, price }] of await readStore(admin, o.site))
        features.set(id, { category, price });
      log(`catalogue of ${o.site}: ${features.size} items`);
    }
    const warm = warmSource({ warm: o.warm && resolve(o.warm), cold: o.cold, active: active?.dir }, log);
    mkdirSync(o.out, { recursive: true });
    const r = await retrainLoop({ ...o, logFile, work, features, active, warm: warm?.checkpoint, log });
    const slot = r.outcome.publish && r.refit ? await publish(o.out, admin, log, o.site) : undefined;
    const decision = {
      decision: r.verdict.decision,
      published: r.outcome.publish ? r.refit : undefined,
      slot,
      publishMode: o.publish,
      reasons: r.verdict.reasons,
      margin: r.verdict.margin,
      candidate: r.candidate,
      active: active ? { version: active.version, scores: r.activeScores } : undefined,
      refit: r.refit,
      warmStart: warm?.dir,
      range: { from: new Date(o.from).toISOString(), to: new Date(o.to).toISOString(), site: o.site },
      slice: r.slice,
      log: download,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    const json = JSON.stringify(decision, null, 1);
    writeFileSync(join(o.out, 'decision.json'), `${json}\n`);
    process.stdout.write(`${json}\n`);
    // The dashboard shows the decision (model section); `--publish never` dry runs are recorded too.
    await storeRetrainRecord(admin, retrainRecord(decision), log);
    return r.outcome.exitCode;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof UsageError) {
        process.stderr.write(`retrain: ${e.message}\n${USAGE}\n`);
        process.exit(2);
      }
      process.stderr.write(`retrain: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
