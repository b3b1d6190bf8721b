/**
 * Bench: event accepted → fresh recommendations pushed over the WebSocket, against a real `wrangler
 * dev` on loopback (synthetic model with 10k / 100k items). Latency is measured from sending the
 * event's POST to receiving the push (so it includes the POST itself). Prints JSON.
 * Usage: `npx tsx bench/push.ts [--items 10000,100000] [--rounds 300] [--sockets 20]`
 * (re-runs itself with `--experimental-websocket`: Node 20 has WebSocket behind that flag).
 */
import './lib/global-websocket.ts';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { freePort } = await import('../edge/scripts/free-port.ts');
const { AdminClient } = await import('../edge/scripts/publish/admin-client.ts');
const { publish } = await import('../edge/scripts/publish-model.ts');
const { startDevServer } = await import('../edge/scripts/wrangler-dev.ts');
const { benchWorkDir } = await import('./lib/work-dir.ts');
const { rng, summarize } = await import('./lib/stats.ts');
const { writeSyntheticModel } = await import('../test/support/synthetic-model.ts');

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '10000,100000' },
    rounds: { type: 'string', default: '300' },
    sockets: { type: 'string', default: '20' },
  },
});
const TOKEN = 'bench-admin-token';
const vars = {
  ADMIN_TOKEN: TOKEN,
  SITE_KEYS: JSON.stringify({ demo: { origins: ['http://localhost:8787'] } }),
};
const work = benchWorkDir('bench-push-');
const random = rng(3);

interface Socket {
  session: string;
  messages: unknown[];
  waiter?: () => void;
}

function postEvent(url: string, session: string, itemId: string, n: number): Promise<Response> {
  const event = { id: `p-${session}-${n}-${Date.now()}`, type: 'view', ts: Date.now(), itemId };
  return fetch(`${url}/v1/events?key=demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sessionId: session,
      consent: { analytics: true, personalization: true },
      events: [event],
    }),
  });
}

function nextMessage(s: Socket, count: number): Promise<void> {
  if (s.messages.length >= count) return Promise.resolve();
  return new Promise((r) => {
    s.waiter = () => {
      if (s.messages.length >= count) r();
    };
  });
}

async function benchPush(url: string, items: number): Promise<Record<string, unknown>> {
  const dir = resolve(work, `model-${items}`);
  const manifest = writeSyntheticModel(dir, items, 64, `push-${items}-${Date.now()}`);
  await publish(dir, new AdminClient(url, TOKEN), () => {});
  const ids = manifest.tower.items;
  const pick = () => ids[Math.floor(random() * ids.length)]!;
  const sockets: Socket[] = [];
  for (let i = 0; i < Number(args.sockets); i++) {
    const s: Socket = { session: `push-${items}-${i}-${Date.now()}`, messages: [] };
    await (await postEvent(url, s.session, pick(), 0)).text();
    const ws = new WebSocket(
      `${url.replace('http', 'ws')}/v1/recommendations/ws?key=demo&placement=home&k=8&session=${s.session}`,
    );
    ws.addEventListener('message', (e) => {
      const data = JSON.parse(String(e.data)) as { data: { model: string } };
      if (data.data.model !== manifest.version) return; // an answer from the previous model
      s.messages.push(data);
      s.waiter?.();
    });
    (s as Socket & { ws: WebSocket }).ws = ws;
    await new Promise((r, reject) => {
      ws.addEventListener('open', r);
      ws.addEventListener('error', () => reject(new Error(`WebSocket for ${s.session} failed`)));
    });
    sockets.push(s);
  }
  // Every socket has its first answer from this model (the model may still be loading at first).
  for (const s of sockets) {
    for (let tries = 0; s.messages.length === 0 && tries < 100; tries++) {
      (s as Socket & { ws: WebSocket }).ws.send('refresh');
      await Promise.race([nextMessage(s, 1), new Promise((r) => setTimeout(r, 200))]);
    }
  }
  const push: number[] = [];
  const accept: number[] = [];
  for (let n = 0; n < Number(args.rounds); n++) {
    const s = sockets[n % sockets.length]!;
    const count = s.messages.length + 1;
    const t0 = performance.now();
    const arrived = nextMessage(s, count).then(() => performance.now());
    const res = await postEvent(url, s.session, pick(), n + 1);
    accept.push(performance.now() - t0);
    if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
    push.push((await arrived) - t0);
  }
  for (const s of sockets) (s as Socket & { ws: WebSocket }).ws.close();
  return {
    items,
    sockets: sockets.length,
    eventAcceptedMs: summarize(accept),
    eventToPushMs: summarize(push),
  };
}

const server = await startDevServer({
  port: await freePort(8810, 8819),
  persistTo: resolve(work, 'state'),
  vars,
});
try {
  const results = [];
  for (const items of args.items.split(',').map(Number)) results.push(await benchPush(server.url, items));
  console.log(
    JSON.stringify(
      { bench: 'push', note: 'loopback, sequential events; ms from POST sent to push received', results },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
