/**
 * `npm start`: local secrets, build, the demo model (trained on generated sessions at first
 * start), then `wrangler dev` on http://localhost:8787 with the demo storefront at `/`, the model
 * published to the local index and, on a fresh state, other shoppers' sessions so trending has
 * items. Fully offline.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AdminClient } from '../../edge/scripts/publish/admin-client.ts';
import { publish } from '../../edge/scripts/publish-model.ts';
import { ROOT, startDevServer } from '../../edge/scripts/wrangler-dev.ts';
import { build } from './build.ts';
import { ensureDemoModel } from './demo-model.ts';
import { seedTraffic } from './seed-traffic.ts';

const devVars = resolve(ROOT, '.dev.vars');
if (!existsSync(devVars)) {
  copyFileSync(resolve(ROOT, '.dev.vars.example'), devVars);
  console.log('Created .dev.vars from .dev.vars.example (local development secrets).');
}
const token = readFileSync(devVars, 'utf8')
  .match(/^ADMIN_TOKEN=(.*)$/m)?.[1]
  ?.trim();
if (!token) throw new Error('.dev.vars has no ADMIN_TOKEN line');

await build();
const modelDir = ensureDemoModel();
const server = await startDevServer({ port: 8787, inheritOutput: true, timeoutMs: 180_000 }).catch(
  (error: Error) => {
    console.error(`npm start: ${error.message}`);
    process.exit(1);
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.stop().then(() => process.exit(0)));
}
server.process.on('exit', (code) => process.exit(code ?? 0));

try {
  const admin = new AdminClient(server.url, token);
  const { version } = JSON.parse(readFileSync(resolve(modelDir, 'manifest.json'), 'utf8')) as {
    version: string;
  };
  const active = await admin.call<{ version: string }>('GET', '/v1/admin/models/active');
  if (active?.version !== version) await publish(modelDir, admin);
  const probe = await fetch(
    `${server.url}/v1/recommendations?key=demo&session=start-probe-01&placement=trending&k=8`,
    {
      headers: { origin: server.url },
    },
  );
  const trending = ((await probe.json()) as { items?: unknown[] }).items ?? [];
  if (trending.length === 0)
    console.log(`Posted ${await seedTraffic(server.url, 300)} events of generated shoppers.`);
} catch (error) {
  console.error(`The storefront runs, but the demo model could not be set up: ${(error as Error).message}`);
}
console.log(`\nDemo storefront: ${server.url}/  (Ctrl-C to stop)`);
