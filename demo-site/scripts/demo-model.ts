/**
 * The demo shop's default model: trained at first start with `npm run model -- train --data …
 * --items …` on the model's demo data (`model/src/synthetic/demo.ts`: the catalogue the shop is
 * built from and sessions generated for it; `train --synthetic demo` trains the same model), with
 * vectors and item-tower features only: titles, prices, images and stock come from the shop's
 * catalogue, which `npm start` sends through the catalogue API (load-catalogue.ts). Cached in `.model/`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SessionEvent } from '../../model/src/data/session-event.ts';
import { MANIFEST_FILE } from '../../model/src/export/folder-layout.ts';
import { DEMO_SESSIONS, demoData } from '../../model/src/synthetic/index.ts';
import { DEMO_CATALOGUE, demoItemMetadata } from '../src/catalogue/catalogue.ts';
import { PRIOR_SHAPE, writePriorModel } from './prior-model.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The demo sessions as the TSV the model CLI reads (`SessionId ItemId Time`, header). */
export function demoSessionsTsv(events: readonly SessionEvent[] = demoData().events): string {
  return `SessionId\tItemId\tTime\n${events.map((e) => `${e.sessionId}\t${e.itemId}\t${e.time}`).join('\n')}\n`;
}

const hashOf = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 10);

/** The department-prior model of the demo catalogue (see prior-model.ts), written once into `.model/`. */
export function ensurePriorModel(): string {
  // Keyed by the catalogue, the metadata shape and the prior's own constants: any change rewrites it.
  const version = `demo-prior-${hashOf([DEMO_CATALOGUE, demoItemMetadata()[0], PRIOR_SHAPE])}`;
  const dir = resolve(ROOT, '.model', version);
  if (!existsSync(resolve(dir, MANIFEST_FILE))) writePriorModel(dir, version);
  return dir;
}

/**
 * The folder of the default model: trained with `npm run model -- train` on the demo sessions and
 * the shop's catalogue (`--items`: category and price features) when it does not exist yet (first
 * start only), or the department prior when this checkout has no trainer. Returns the folder.
 */
export function ensureDemoModel(log: (line: string) => void = console.log): string {
  if (!existsSync(resolve(ROOT, 'model/cli.ts'))) {
    log('No model trainer in this checkout (model/cli.ts): using the department-prior demo model.');
    return ensurePriorModel();
  }
  // `items` marks models trained with the catalogue's features (and vectors for unclicked products):
  // folders cached before that are not reused.
  const key = {
    catalogue: DEMO_CATALOGUE,
    metadata: demoItemMetadata()[0],
    sessions: DEMO_SESSIONS,
    // 2: item-features exported, no shop metadata in the folder (the catalogue API carries it).
    items: 2,
  };
  const dir = resolve(ROOT, '.model', `demo-${hashOf(key)}`);
  if (existsSync(resolve(dir, MANIFEST_FILE))) return dir;
  mkdirSync(dir, { recursive: true });
  const { catalogue, events } = demoData();
  const data = resolve(dir, 'sessions.tsv');
  writeFileSync(data, demoSessionsTsv(events));
  // The item tower's features, and the products no generated shopper clicked get vectors from them.
  const items = resolve(dir, 'catalogue.json');
  writeFileSync(items, JSON.stringify(catalogue.map(({ id, category, price }) => ({ id, category, price }))));
  log(`Training the demo model on ${DEMO_SESSIONS.sessions} generated sessions (first start only)…`);
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(ROOT, 'model/cli.ts'),
      'train',
      '--data',
      data,
      '--items',
      items,
      '--out',
      dir,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  log(`Demo model ready in ${dir}.`);
  return dir;
}
