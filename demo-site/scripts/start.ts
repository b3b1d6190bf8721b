/**
 * `npm start`: local secrets, build, the demo model (trained on generated sessions at first
 * start), then `wrangler dev` on http://localhost:8787 (`--port` or PORT for another) with the demo
 * storefront at `/`, the model published to the local index and, on a fresh state, other shoppers'
 * sessions so trending has items. Fully offline. SIGTERM and SIGINT stop wrangler dev (a process
 * group of its own) before this exits with the usual 143 / 130.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AdminClient } from '../../edge/scripts/publish/admin-client.ts';
import { publish } from '../../edge/scripts/publish-model.ts';
import { type DevServer, ROOT, startDevServer } from '../../edge/scripts/wrangler-dev.ts';
import { build } from './build.ts';
import { ensureDemoModel } from './demo-model.ts';
import { loadDemoCatalogue } from './load-catalogue.ts';
import { seedTraffic } from './seed-traffic.ts';

/** How far back `npm start` looks for the demo's shoppers in the report (its longest range). */
const REPORT_LOOKBACK_MS = 31 * 24 * 3_600_000;

const USAGE = `usage: npm start -- [--port 8787] [--persist-to <state dir>] [--model <model dir>] [--no-build]
  --port        port of the storefront and API (or PORT=…; default 8787)
  --persist-to  local state of Durable Objects, R2 and Queues (default .wrangler/state)
  --model       serve this model folder instead of the default demo model
  --no-build    serve dist/public as it is built`;

/** The command line (and PORT); prints the usage and exits on anything else. */
function options() {
  let problem = '';
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: process.env.PORT || '8787' },
        'persist-to': { type: 'string' },
        model: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    const port = Number(values.port);
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (Number.isInteger(port) && port > 0 && port < 65536) return { ...values, port };
    problem = `not a port: ${values.port}`;
  } catch (error) {
    problem = (error as Error).message;
  }
  console.error(`npm start: ${problem}\n${USAGE}`);
  process.exit(2);
}

/** .dev.vars' SITE_KEYS with the demo key also allowed on this server's origins, when it is not yet. */
function siteKeysFor(devVars: string, port: number): string | undefined {
  const own = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  try {
    const keys = JSON.parse(devVars.match(/^SITE_KEYS=(.*)$/m)?.[1] ?? '{}');
    const origins: string[] = keys.demo?.origins ?? [];
    if (own.every((origin) => origins.includes(origin))) return undefined;
    keys.demo = { ...keys.demo, origins: [...new Set([...origins, ...own])] };
    return JSON.stringify(keys);
  } catch {
    return undefined; // not JSON on one line: leave it to wrangler as it is
  }
}

const opts = options();
const stopping = new AbortController();
let starting: Promise<DevServer> | undefined;

/** Stop wrangler dev's whole process group (also while it starts), then exit as `signal` would. */
function shutDown(signal: NodeJS.Signals): void {
  if (stopping.signal.aborted) return;
  stopping.abort(); // a server still starting stops itself and startDevServer rejects
  console.log(`\nnpm start: ${signal}, stopping wrangler dev`);
  void (starting ?? Promise.resolve(undefined))
    .then(
      (server) => server?.stop(signal),
      () => {},
    )
    .finally(() => process.exit(128 + constants.signals[signal]));
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);

const devVars = resolve(ROOT, '.dev.vars');
if (!existsSync(devVars)) {
  copyFileSync(resolve(ROOT, '.dev.vars.example'), devVars);
  console.log('Created .dev.vars from .dev.vars.example (local development secrets).');
}
const secrets = readFileSync(devVars, 'utf8');
const token = secrets.match(/^ADMIN_TOKEN=(.*)$/m)?.[1]?.trim();
if (!token) throw new Error('.dev.vars has no ADMIN_TOKEN line');

if (!opts['no-build']) await build();
const modelDir = opts.model ? resolve(opts.model) : ensureDemoModel();
const siteKeys = siteKeysFor(secrets, opts.port);
starting = startDevServer({
  port: opts.port,
  persistTo: opts['persist-to'] && resolve(opts['persist-to']),
  vars: siteKeys ? { SITE_KEYS: siteKeys } : {},
  inheritOutput: true,
  timeoutMs: 180_000,
  signal: stopping.signal,
});
const server = await starting.catch((error: Error) => {
  if (stopping.signal.aborted) return new Promise<never>(() => {}); // shutDown exits
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
server.process.once('exit', (code) => {
  if (!stopping.signal.aborted) void server.stop().then(() => process.exit(code ?? 1));
});

try {
  const admin = new AdminClient(server.url, token);
  const { version } = JSON.parse(readFileSync(resolve(modelDir, 'manifest.json'), 'utf8')) as {
    version: string;
  };
  const active = await admin.call<{ version: string }>('GET', '/v1/admin/models/active');
  const changed = await loadDemoCatalogue(server.url, token);
  if (changed > 0) console.log(`Sent ${changed} products of the demo catalogue to the catalogue API.`);
  if (active?.version !== version) await publish(modelDir, admin, console.log, 'demo');
  const probe = await fetch(
    `${server.url}/v1/recommendations?key=demo&session=start-probe-01&placement=trending&k=8`,
    {
      headers: { origin: server.url },
    },
  );
  const trending = ((await probe.json()) as { items?: unknown[] }).items ?? [];
  // A model's signals already fill trending on a fresh state, so trending alone cannot tell: the
  // owner's dashboard is empty until shoppers have been seen in the report's range as well.
  const to = Date.now();
  const report = await admin.call<{ placements: unknown[] }>(
    'GET',
    `/v1/admin/report?key=demo&from=${to - REPORT_LOOKBACK_MS}&to=${to}`,
  );
  if (trending.length === 0 || (report?.placements.length ?? 0) === 0)
    console.log(`Posted ${await seedTraffic(server.url, 300)} events of generated shoppers.`);
} catch (error) {
  // Requests fail while a signal stops the server: nothing to report then.
  if (!stopping.signal.aborted)
    console.error(`The storefront runs, but the demo model could not be set up: ${(error as Error).message}`);
}
if (!stopping.signal.aborted) console.log(`\nDemo storefront: ${server.url}/  (Ctrl-C to stop)`);
