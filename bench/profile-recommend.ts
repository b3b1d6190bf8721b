/**
 * Where a warm `GET /v1/recommendations` spends the Worker isolate's CPU: the same setup as
 * bench/recommend.ts (synthetic model of `--items`, sessions with 5 views), then a DevTools CPU
 * profile of `--requests` sequential warm answers (`--after-event`: each right after an event of
 * its session). Prints JSON: profiled ms per request and the top functions by self and total time.
 * The profiler inflates every figure: read the shares. The profiled bundle is copied to
 * .cache/profile-bundle/ (the rows' file:line point into it).
 * Usage: `npx tsx bench/profile-recommend.ts [--items 10000] [--requests 300] [--after-event]`
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../edge/scripts/free-port.ts';
import { AdminClient } from '../edge/scripts/publish/admin-client.ts';
import { publish } from '../edge/scripts/publish-model.ts';
import { ROOT, startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { writeSyntheticModel } from '../test/support/synthetic-model.ts';
import { keepProfiledBundle, profileOf } from './lib/cpu-profile.ts';
import { rng } from './lib/stats.ts';
import { trackViews } from './lib/track-views.ts';
import { benchWorkDir } from './lib/work-dir.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '300' },
    top: { type: 'string', default: '40' },
    'after-event': { type: 'boolean', default: false },
    ports: { type: 'string', default: '8820-8829' },
  },
});
const [PORT_FROM, PORT_TO] = args.ports.split('-').map(Number) as [number, number];
const TOKEN = 'bench-admin-token';
const ITEMS = Number(args.items);
const REQUESTS = Number(args.requests);
const work = benchWorkDir('bench-profile-');
const random = rng(1);

async function recommend(url: string, session: string): Promise<string | undefined> {
  const res = await fetch(`${url}/v1/recommendations?key=demo&placement=home&k=8&session=${session}`);
  const body = (await res.json()) as { model?: string };
  if (res.status !== 200) throw new Error(`recommendations: ${res.status} ${JSON.stringify(body)}`);
  return body.model;
}

const server = await startDevServer({
  port: await freePort(PORT_FROM, PORT_TO),
  persistTo: resolve(work, 'state'),
  vars: { ADMIN_TOKEN: TOKEN, SITE_KEYS: JSON.stringify({ demo: { origins: ['http://localhost:8787'] } }) },
});
keepProfiledBundle(ROOT);
try {
  const manifest = writeSyntheticModel(resolve(work, 'model'), ITEMS, 64, `profile-${ITEMS}-${Date.now()}`);
  await publish(resolve(work, 'model'), new AdminClient(server.url, TOKEN), () => {});
  const ids = manifest.tower.items;
  const pick = () => ids[Math.floor(random() * ids.length)]!;
  const sessions = Array.from({ length: 50 }, (_, i) => `profile-session-${i}`);
  for (const s of sessions) await trackViews(server.url, s, Array.from({ length: 5 }, pick), 1000);
  for (let i = 0; i < 200 && (await recommend(server.url, sessions[0]!)) !== manifest.version; i++)
    await new Promise((r) => setTimeout(r, 100));
  for (let i = 0; i < 100; i++) await recommend(server.url, sessions[i % sessions.length]!);
  const { profiledMs, rows } = await profileOf(
    server.inspectorPort,
    async () => {
      for (let i = 0; i < REQUESTS; i++) {
        const session = sessions[i % sessions.length]!;
        if (args['after-event']) await trackViews(server.url, session, [pick()], 1000);
        await recommend(server.url, session);
      }
    },
    { per: REQUESTS, intervalUs: 50 },
  );
  const top = Number(args.top);
  // Every function for the by-total list: callers of interest may sit low.
  const bySelf = [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  const byTotal = [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
  console.log(
    JSON.stringify(
      {
        items: ITEMS,
        requests: REQUESTS,
        afterEvent: args['after-event'],
        profiledMsPerRequest: profiledMs,
        bySelf,
        byTotal,
      },
      null,
      1,
    ),
  );
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
