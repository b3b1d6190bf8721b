/**
 * `npm run publish-model -- --model <dir> [--url <worker>] [--token <admin token>]`
 *
 * Publishes a trained model to a running Worker (default http://localhost:8787; when nothing answers
 * there, a temporary `wrangler dev` on the same local state): item vectors into the blue/green slot
 * the active model does not use (local Vectorize stand-in), artifacts into R2, then activation. Prints
 * the `wrangler vectorize` / `wrangler r2` commands that do the same on a real Cloudflare account.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeItemFeatures } from '../../model/src/serve/item-features.ts';
import { CHECKPOINT_FILE } from '../../model/src/train/checkpoint.ts';
import { REFRESH_MS } from '../src/model-registry/active-model.ts';
import { ITEM_METADATA_INDEXES } from '../src/serving/catalogue.ts';
import { encodeChunk } from '../src/vectorize/chunk-codec.ts';
import { adminToken } from './admin-token.ts';
import { freePort } from './free-port.ts';
import { AdminClient } from './publish/admin-client.ts';
import { readModelDir, vectorChunks } from './publish/read-model.ts';
import { featureChunks, readStore, type StoredItem, withStoreMetadata } from './publish/store-items.ts';
import { wranglerCommands } from './publish/wrangler-commands.ts';
import { type DevServer, startDevServer } from './wrangler-dev.ts';

const USAGE =
  "usage: npm run publish-model -- --model <dir> [--site <key>] [--url http://localhost:8787] [--token <ADMIN_TOKEN>]\n  --site: take index metadata from this site's catalogue and give its items without a trained vector one from features";
const INDEX_BASE = 'edge-rec-items';
/** How long after an activation the previous slot may still be queried (5 x the isolates' refresh). */
const SETTLE_MS = 5 * REFRESH_MS;

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/v1/health`)).ok;
  } catch {
    return false;
  }
}

/**
 * Publish `dir` through `admin`; returns the slot used. With `site`, that site's catalogue decides
 * the index metadata and its items without a trained vector get one from the item tower's features.
 */
export async function publish(
  dir: string,
  admin: AdminClient,
  log = console.log,
  site?: string,
): Promise<'a' | 'b'> {
  const model = readModelDir(dir);
  const { manifest } = model;
  const active = await admin.call<{ version: string; slot: 'a' | 'b'; activatedAt: string }>(
    'GET',
    '/v1/admin/models/active',
  );
  const slot = active?.slot === 'a' ? 'b' : 'a';
  // Isolates notice an activation within REFRESH_MS (2 s); until then some may still query the other
  // slot, which this publish is about to clear. Give them ample time.
  const settle = active ? Date.parse(active.activatedAt) + SETTLE_MS - Date.now() : 0;
  if (settle > 0) {
    log(`waiting ${Math.ceil(settle / 1000)} s for the previous activation to reach every isolate`);
    await new Promise((r) => setTimeout(r, settle));
  }
  log(
    `model ${manifest.version}: dim ${manifest.dim}, ${manifest.metric}; vectors into slot ${slot}${active ? ` (active: ${active.version} in ${active.slot})` : ''}`,
  );
  await admin.call('DELETE', `/v1/admin/indexes/${slot}`);
  const create = {
    dimensions: manifest.dim,
    metric: manifest.metric,
    metadataIndexes: ITEM_METADATA_INDEXES,
  };
  await admin.call('PUT', `/v1/admin/indexes/${slot}`, JSON.stringify(create));
  const store = site ? await readStore(admin, site) : new Map<string, StoredItem>();
  const seen = new Set<string>();
  const started = performance.now();
  let count = 0;
  // The NDJSON, not the compact binary: it is the file `wrangler vectorize insert` loads into real
  // Vectorize and the one a shop enriches with item metadata (the demo does), so the local and the
  // deployed index hold the same rows.
  const chunks = vectorChunks(model.path('vectorsNdjson'), manifest.dim);
  for await (const chunk of chunks) {
    await admin.call(
      'POST',
      `/v1/admin/indexes/${slot}/vectors`,
      encodeChunk(withStoreMetadata(chunk, store, seen)),
    );
    count += chunk.ids.length;
  }
  log(`loaded ${count} item vectors from NDJSON in ${Math.round(performance.now() - started)} ms`);
  if (store.size > 0) {
    const tables = model.itemFeaturesPath
      ? decodeItemFeatures(readFileSync(model.itemFeaturesPath))
      : undefined;
    let fromFeatures = 0;
    if (tables && tables.dim === manifest.dim) {
      for (const chunk of featureChunks(store, seen, tables)) {
        await admin.call('POST', `/v1/admin/indexes/${slot}/vectors`, encodeChunk(chunk));
        fromFeatures += chunk.ids.length;
      }
    }
    const without = store.size - seen.size - fromFeatures;
    log(
      `catalogue of ${site}: ${store.size} items, ${seen.size} with trained vectors, ${fromFeatures} from features${without > 0 ? `, ${without} without a vector (the model has no item features)` : ''}`,
    );
  }
  const files = [
    ['manifest.json', resolve(dir, 'manifest.json')],
    ['tower', model.path('tower')],
  ];
  if (existsSync(model.path('signals'))) files.push(['signals', model.path('signals')]);
  if (model.itemFeaturesPath) files.push(['item-features', model.itemFeaturesPath]);
  // Never served: what the scheduled retrain Workflow scores this model with and warm-starts from.
  if (existsSync(model.path('vectorsBinary'))) files.push(['vectors', model.path('vectorsBinary')]);
  if (existsSync(resolve(dir, CHECKPOINT_FILE))) files.push(['train-state', resolve(dir, CHECKPOINT_FILE)]);
  for (const [name, path] of files) {
    await admin.call('PUT', `/v1/admin/models/${manifest.version}/${name}`, readFileSync(path!));
  }
  await admin.call('POST', `/v1/admin/models/${manifest.version}/activate?slot=${slot}`);
  log(`activated ${manifest.version}`);
  return slot;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      site: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.model) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  readModelDir(values.model); // a bad folder fails here, before any server is started
  const token = adminToken(values.token);
  let url = values.url ?? 'http://localhost:8787';
  let server: DevServer | undefined;
  if (!(await reachable(url))) {
    if (values.url) throw new Error(`${url}/v1/health does not answer`);
    console.log('no Worker on http://localhost:8787: starting a temporary wrangler dev on the local state');
    server = await startDevServer({ port: await freePort(8788, 8799), vars: { ADMIN_TOKEN: token } });
    url = server.url;
  }
  try {
    const slot = await publish(values.model, new AdminClient(url, token), console.log, values.site);
    console.log('\nOn a real Cloudflare account (with VECTORIZE_A/B bindings enabled in wrangler.toml):\n');
    for (const line of wranglerCommands(readModelDir(values.model), INDEX_BASE, slot)) console.log(line);
  } finally {
    await server?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`publish-model: ${(err as Error).message}`);
    process.exit(1);
  });
}
